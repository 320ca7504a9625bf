-- Emails are one person's when they are equal after Unicode NFKC normalization and lower-casing:
-- ada@example.com, ADA@example.com and the fullwidth ａｄａ@ｅｘａｍｐｌｅ.ｃｏｍ are one address, and so are
-- ñandú@ and ÑANDÚ@. The API stores emails normalized already; the index normalizes again, so rows
-- written another way (SQL, or before this file) are held to the same rule.
-- lower() under the builtin pg_c_utf8 collation (PostgreSQL 17+) maps all of Unicode the same way on
-- every server; under a libc locale it depends on the operating system, and under "C" it maps ASCII only.
-- When two stored emails turn out equal, this fails and changes nothing: settle those rows, then migrate again.
CREATE UNIQUE INDEX tourists_email_normalized_key ON tourists (lower(normalize(email, NFKC) COLLATE pg_c_utf8));
DROP INDEX tourists_email_key;
ALTER INDEX tourists_email_normalized_key RENAME TO tourists_email_key;
