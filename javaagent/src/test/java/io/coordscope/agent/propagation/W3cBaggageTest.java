package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class W3cBaggageTest {

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier.get(key);
        }
      };

  @Test
  void noHeaderLeavesTheContextAsItWas() {
    Context base = Context.root();
    assertThat(W3cBaggage.INSTANCE.extract(base, Map.of("traceparent", "x"), GETTER)).isSameAs(base);
    assertThat(W3cBaggage.INSTANCE.extract(base, Map.of("baggage", ""), GETTER)).isSameAs(base);
  }

  @Test
  void aHeaderIsParsedAsTheApiParsesIt() {
    Context c = W3cBaggage.INSTANCE.extract(Context.root(), Map.of("baggage", "k=v,k2=v%202;meta"), GETTER);
    Baggage b = Baggage.fromContext(c);
    assertThat(b.getEntryValue("k")).isEqualTo("v");
    assertThat(b.getEntryValue("k2")).isEqualTo("v 2");
    assertThat(W3cBaggage.INSTANCE.fields()).containsExactly("baggage");
  }
}
