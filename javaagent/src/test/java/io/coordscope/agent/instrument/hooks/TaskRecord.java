package io.coordscope.agent.instrument.hooks;

import java.util.ArrayList;
import java.util.List;

/** What {@link TaskSink}'s methods were handed, in order; outside the class rewritten, so one list for every copy of it. */
public final class TaskRecord {

  public static final List<Object> LAST = new ArrayList<>();

  private TaskRecord() {}
}
