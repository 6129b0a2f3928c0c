-- A person's own LEARNER grant is on their unit (createPerson and the staff
-- import give it). When they move, it moves with them, whichever path moved
-- them (the edit form or an import); grants of other roles are appointments
-- and stay where they were given.
CREATE FUNCTION people_move_learner_grant() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.unit_id IS DISTINCT FROM OLD.unit_id THEN
    IF EXISTS (SELECT 1 FROM role_grants WHERE person_id = NEW.id AND role = 'LEARNER' AND unit_id = NEW.unit_id) THEN
      DELETE FROM role_grants WHERE person_id = NEW.id AND role = 'LEARNER' AND unit_id = OLD.unit_id;
    ELSE
      UPDATE role_grants SET unit_id = NEW.unit_id WHERE person_id = NEW.id AND role = 'LEARNER' AND unit_id = OLD.unit_id;
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER people_move_learner_grant AFTER UPDATE OF unit_id ON people
  FOR EACH ROW EXECUTE FUNCTION people_move_learner_grant();
