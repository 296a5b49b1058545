package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.core.Selection;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What reaches Byte Buddy: decided from the class name and the constant pool alone. */
class CandidateFilterTest {

  private static final String FIXTURE = "io.coordscope.agent.instrument.fixture.";
  private final ClassLoader app = CandidateFilterTest.class.getClassLoader();

  @Test
  void aClassMentioningASelectedAnnotationIsACandidate() throws IOException {
    CandidateFilter f = filter(Set.of());
    assertThat(f.isCandidate(app, internal("Shapes"), bytes("Shapes"))).isTrue();
    assertThat(f.isCandidate(app, internal("Kpis"), bytes("Kpis"))).isTrue();
  }

  @Test
  void aClassWithoutThemIsNot_unlessAMethodListNamesIt() throws IOException {
    assertThat(filter(Set.of()).isCandidate(app, internal("PlainService"), bytes("PlainService"))).isFalse();
    assertThat(filter(Set.of(FIXTURE + "PlainService")).isCandidate(app, internal("PlainService"), bytes("PlainService")))
        .isTrue();
  }

  @Test
  void ignoredNamesAndJdkLoadersAreNeverCandidates() throws IOException {
    CandidateFilter f = filter(Set.of());
    byte[] annotated = bytes("Shapes");
    assertThat(f.isCandidate(app, "org/springframework/Shapes", annotated)).isFalse();
    assertThat(f.isCandidate(null, internal("Shapes"), annotated)).isFalse();
    assertThat(f.isCandidate(ClassLoader.getPlatformClassLoader(), internal("Shapes"), annotated)).isFalse();
  }

  @Test
  void aMalformedClassFileIsLeftToByteBuddy() {
    assertThat(new ConstantPoolScan(List.of("a.B")).mentions(new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 0, 0, 0, 0, 61, 0, 9, 1, 0}))
        .isTrue();
  }

  @Test
  void onlyCandidatesReachTheDelegate_andNothingEverThrows() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    ClassFileTransformer delegate =
        new ClassFileTransformer() {
          @Override
          public byte[] transform(Module m, ClassLoader l, String n, Class<?> c, ProtectionDomain d, byte[] b) {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
          }
        };
    CandidateFilter f = new CandidateFilter(selection(Set.of()), () -> delegate);
    Module m = CandidateFilterTest.class.getModule();
    assertThat(f.transform(m, app, internal("PlainService"), null, null, bytes("PlainService"))).isNull();
    assertThat(calls).hasValue(0);
    assertThat(f.transform(m, app, internal("Shapes"), null, null, bytes("Shapes"))).isNull();
    assertThat(calls).hasValue(1);
  }

  private static CandidateFilter filter(Set<String> listed) {
    return new CandidateFilter(selection(listed), () -> new ClassFileTransformer() {});
  }

  private static Selection selection(Set<String> listed) {
    StringBuilder methods = new StringBuilder();
    for (String c : listed) {
      methods.append(c).append("[claim];");
    }
    return Selection.of(List.of(), List.of(), methods.toString(), "");
  }

  private static String internal(String simple) {
    return (FIXTURE + simple).replace('.', '/');
  }

  private static byte[] bytes(String simple) throws IOException {
    try (InputStream in = CandidateFilterTest.class.getClassLoader().getResourceAsStream(internal(simple) + ".class")) {
      return in.readAllBytes();
    }
  }
}
