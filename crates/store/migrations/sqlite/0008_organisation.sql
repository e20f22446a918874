-- Administration (SQLite): the organisation's own contact details, edited by a beheerder on
-- /kantoor/beheer/organisatie (before this they were settings, `WEDERHOOR_ORG_*`; those now only
-- seed this row on a fresh installation, see docs/administration.md).
--
-- Append-only like 0001–0005; the other backend's folder holds the same table.
--
-- Exactly one row (id = 1) once set; no row means "not set yet" and letters fall back to the
-- settings. Letters and mails read it when they are made, so an edit takes effect at once on
-- every instance.
--   name           the organisation's name heading every letter
--   phone          the telephone number for complaints, as printed (the procedure's 088 number)
--   email          the e-mail address for complaints
--   address        postal address, street line(s) then "postcode place", one per line
--   place          the place in the dagtekening ("Utrecht, 24 november 2026")
--   privacy_email  where privacy questions go (the procedure names privacy@…)
--   website        the public website, '' when none
--   updated_at     microseconds since the epoch (UTC) of the last edit
CREATE TABLE organisation (
    id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    name          TEXT    NOT NULL,
    phone         TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    address       TEXT    NOT NULL,
    place         TEXT    NOT NULL,
    privacy_email TEXT    NOT NULL,
    website       TEXT    NOT NULL,
    updated_at    BIGINT  NOT NULL
);
