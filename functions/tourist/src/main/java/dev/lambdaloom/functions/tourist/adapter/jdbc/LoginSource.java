package dev.lambdaloom.functions.tourist.adapter.jdbc;

/**
 * Where the container's database login comes from: the environment as given (local runs), or a Secrets Manager secret
 * read once per container and read again when the database refuses it (after a rotation).
 */
public sealed interface LoginSource permits FixedLogin, SecretLogin {
  /**
   * The login to connect with now.
   *
   * @throws dev.lambdaloom.functions.tourist.usecase.StoreUnavailableException when it cannot be had (the secret
   *     cannot be read, or is not a usable login)
   */
  DatabaseLogin current();

  /**
   * Called when the database refused {@link #current()}'s password: true when a new login may have been found (the
   * secret was read again), so connecting once more is worth it; false when nothing can change.
   */
  boolean renew();
}
