package dev.lambdaloom.snapstart;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's SnapStart runtime hooks, as an {@code org.crac} resource. Before the snapshot (during the init of a
 * published version): prime, so the snapshot holds the hot path's classes, then release what a snapshot must not
 * hold (an open database connection, threads and native state of clients that have them). After a restore: make the
 * container its own again (credentials re-read, keys and seeds made anew, connections opened).
 *
 * <p>Every hook may run any number of times in any order (a restore without a checkpoint is what a test does; a
 * JVM may checkpoint again): each action must leave the function working whatever ran before it. Outside a SnapStart
 * init they are not registered (see {@link #snapshotPossible}) and never run; the function then works as before.
 */
public final class SnapStartHooks implements Resource {
  /**
   * A CRaC context may hold its resources weakly; the hooks must outlive the init that registered them, so the
   * class keeps them.
   */
  private static final List<SnapStartHooks> REGISTERED = new CopyOnWriteArrayList<>();
  /** What Lambda says the init is for: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}. */
  static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
  private static final String SNAP_START = "snap-start";

  /** For a function with nothing to release or restore: a class, not a lambda, so nothing is spun at cold start. */
  public static final Runnable NOTHING = new Nothing();

  private static final class Nothing implements Runnable {
    @Override
    public void run() {
      // Nothing to release or restore.
    }
  }

  private final String function;
  private final Priming priming;
  private final Runnable release;
  private final Runnable restore;

  /**
   * @param function the function's name, for the log lines
   * @param priming run before the snapshot; a failure is logged, never fails the snapshot
   * @param release run before the snapshot, after priming: closes what must not be in it
   * @param restore run after a restore: what makes the restored container unique and current
   */
  public SnapStartHooks(String function, Priming priming, Runnable release, Runnable restore) {
    this.function = Objects.requireNonNull(function, "function");
    this.priming = Objects.requireNonNull(priming, "priming");
    this.release = Objects.requireNonNull(release, "release");
    this.restore = Objects.requireNonNull(restore, "restore");
  }

  /**
   * What a function runs in its init: reads {@value PrimeOnInit#VARIABLE} (a value other than true or false fails the
   * init), primes when it says so, and registers the hooks where a snapshot can be taken.
   *
   * @throws IllegalArgumentException for a {@value PrimeOnInit#VARIABLE} that is neither
   */
  public static SnapStartHooks install(String function, Map<String, String> environment, Priming priming,
      Runnable release, Runnable restore) {
    PrimeOnInit.fromEnvironment(environment).primeIfOn(priming);
    SnapStartHooks hooks = new SnapStartHooks(function, priming, release, restore);
    if (snapshotPossible(environment)) {
      hooks.register();
    }
    return hooks;
  }

  /**
   * True in the init of a SnapStart version ({@value #INITIALIZATION_TYPE} is {@code snap-start}): only there does
   * Lambda take a snapshot. Elsewhere the hooks are not registered at all: org.crac's facade spins a proxy class when
   * it finds no CRaC in the JVM, about 200 classes and 20 to 100 ms of every other cold start (measured here).
   */
  static boolean snapshotPossible(Map<String, String> environment) {
    return SNAP_START.equals(environment.get(INITIALIZATION_TYPE));
  }

  /** Registers these hooks with the JVM's global context (what Lambda's runtime calls around a snapshot). */
  SnapStartHooks register() {
    REGISTERED.add(this);
    Core.getGlobalContext().register(this);
    return this;
  }

  /** Whether these hooks are registered with the JVM's global context. */
  boolean registered() {
    return REGISTERED.contains(this);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    long start = System.nanoTime();
    priming.runQuietly();
    release.run();
    System.out.println(function + ": primed and released for the snapshot in "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    long start = System.nanoTime();
    restore.run();
    System.out.println(function + ": restored in " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }
}
