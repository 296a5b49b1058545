package io.coordscope.agent.instrument;

import io.coordscope.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code @Kpi} methods, one per return shape: primitives widen to {@code double}
 * without boxing; boxed numbers and optionals go to {@code kpiObject}. It runs on normal return
 * only: a method that throws produced no value.
 */
public final class KpiAdvice {

  private KpiAdvice() {}

  /** {@code byte} return type. */
  public static final class ByteAdvice {
    private ByteAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Return byte value) {
      Bridge.handler().kpi(id, value);
    }
  }

  /** {@code short} return type. */
  public static final class ShortAdvice {
    private ShortAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Return short value) {
      Bridge.handler().kpi(id, value);
    }
  }

  /** {@code int} return type. */
  public static final class IntAdvice {
    private IntAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Return int value) {
      Bridge.handler().kpi(id, value);
    }
  }

  /** {@code long} return type. */
  public static final class LongAdvice {
    private LongAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Return long value) {
      Bridge.handler().kpi(id, value);
    }
  }

  /** {@code float} return type. */
  public static final class FloatAdvice {
    private FloatAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Return float value) {
      Bridge.handler().kpi(id, value);
    }
  }

  /** {@code double} return type. */
  public static final class DoubleAdvice {
    private DoubleAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Return double value) {
      Bridge.handler().kpi(id, value);
    }
  }

  /** {@code Number}, {@code Optional}, {@code OptionalDouble}/{@code Long}/{@code Int} return types. */
  public static final class ObjectAdvice {
    private ObjectAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Return Object value) {
      Bridge.handler().kpiObject(id, value);
    }
  }
}
