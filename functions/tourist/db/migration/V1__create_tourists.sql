-- Tourists of the tourist API. Applied by `./lambdaloom migrate` (and before tests), never at cold start.
CREATE TABLE tourists (
  id              uuid PRIMARY KEY,
  name            text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  email           text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
  nationality     char(2)     NOT NULL CHECK (nationality ~ '^[A-Z]{2}$'),
  passport_number text        CHECK (passport_number ~ '^[A-Z0-9]{5,20}$'),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         bigint      NOT NULL DEFAULT 1 CHECK (version >= 1)
);

-- Emails are unique whatever their case: Ada@Example.com and ada@example.com are one person.
CREATE UNIQUE INDEX tourists_email_key ON tourists (lower(email));

-- Keyset pagination walks this index: ORDER BY created_at, id WHERE (created_at, id) > (?, ?).
CREATE INDEX tourists_created_at_id ON tourists (created_at, id);
