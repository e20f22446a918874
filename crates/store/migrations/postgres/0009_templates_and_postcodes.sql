-- Administrator-edited templates and postcode ranges (PostgreSQL).
--
-- Append-only like 0001–0005; migrations/sqlite/0009_templates_and_postcodes.sql holds the same
-- tables.
--
-- template_versions: every save of an administrator's template, never updated or deleted, so
-- the history of a template is its rows. The template in force for a kind is the row with the
-- highest id of that kind; a row whose `source` is NULL is a reset to the built-in template.
-- The highest id over all rows is a cheap version number of "the templates in force".
--   kind        what the template is for: `letter.<letters::LetterKind>` (e.g. `letter.answer`)
--               or `mail.<name>.<part>` for the complainant's e-mails
--   source      the template text (Typst for letters), NULL for "back to the built-in one"
--   updated_by  the e-mail address of the staff member (or `cli`) who saved it
--   updated_at  microseconds since the epoch, UTC
CREATE TABLE template_versions (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY,
    kind       TEXT    NOT NULL,
    source     TEXT,
    updated_by TEXT    NOT NULL,
    updated_at BIGINT  NOT NULL,
    CONSTRAINT template_versions_pkey PRIMARY KEY (id)
);
CREATE INDEX template_versions_kind ON template_versions (kind, id);

-- postcode_ranges: 4-digit Dutch postcodes `from_code`..=`to_code` belong to `region`; the
-- public form derives a complainant's region from the postcode of their address. Ranges do not
-- overlap: the store refuses an overlapping range in the transaction that would add it.
CREATE TABLE postcode_ranges (
    from_code  BIGINT  NOT NULL,
    to_code    BIGINT  NOT NULL,
    region     TEXT    NOT NULL REFERENCES regions (code),
    CONSTRAINT postcode_ranges_pkey PRIMARY KEY (from_code),
    CONSTRAINT postcode_ranges_codes
        CHECK (from_code BETWEEN 1000 AND 9999 AND to_code BETWEEN from_code AND 9999)
);
