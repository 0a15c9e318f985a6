ALTER TABLE people ADD COLUMN nickname text;
UPDATE people SET nickname = 'n' || id WHERE id % 10 = 0;
