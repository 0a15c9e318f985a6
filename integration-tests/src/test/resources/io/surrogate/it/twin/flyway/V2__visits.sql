CREATE TABLE visits (id bigserial PRIMARY KEY, person_id int NOT NULL REFERENCES people (id), at date NOT NULL);
INSERT INTO visits (person_id, at) SELECT id, DATE '2024-01-01' + id FROM people WHERE id <= 5;
CREATE INDEX visits_person ON visits (person_id);
