package dev.lambdaloom.core;

/**
 * How one {@link Pipeline} producer ended and how many items it got into the channel. Producers keep their own
 * position (a page token, a key); a {@link State#STOPPED} or {@link State#FAILED} producer resumes from it, a
 * {@link State#FINISHED} one has nothing left.
 */
public record ProducerReport(int index, State state, long sent) {
  public enum State {
    /** Returned on its own: it produced everything it had. */
    FINISHED,
    /** Was told to stop (deadline, or another task's failure) before it ended, however it then ended. */
    STOPPED,
    /** Threw on its own. */
    FAILED
  }
}
