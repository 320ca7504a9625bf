package dev.lambdaloom.functions.scavenger;

/** Where the reading of one scan segment stands. */
enum ScanPhase {
  /** Pages are being read (or the pipeline stopped it at the deadline: then it resumes from its position). */
  READING,
  /** The segment's last page is read and every candidate in it sent on. */
  FINISHED,
  /** A page request was throttled until its retries ran out: resumes from its position next time. */
  THROTTLED,
  /** A page request kept failing transiently until the deadline: resumes from its position next time. */
  OUT_OF_TIME;

  static ScanPhase after(Setback setback) {
    return switch (setback) {
      case THROTTLED -> THROTTLED;
      case OUT_OF_TIME -> OUT_OF_TIME;
      case PERMANENT -> throw new IllegalArgumentException("a permanent failure ends the run, not the segment");
    };
  }
}
