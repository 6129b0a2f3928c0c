-- What the roster rule reads, as one JSON value, for the application's copy of
-- the rule (app/domain/roster/eligibility.ts), which names every reason before
-- anything is written; assignment_violations stays the rule that decides.
-- plpgsql so that each connection keeps the plans: the same SELECT sent as a
-- query was planned on every call (3.5 ms of a 6 ms statement on the bench
-- machine; docs/performance.md).

-- The person's standing, the duty type's requirements, the person's
-- certifications and active assignments overlapping [p_start, p_end).
CREATE FUNCTION roster_rule_inputs(p_person integer, p_duty_type integer, p_start timestamptz, p_end timestamptz, p_exclude integer)
RETURNS json LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN json_build_object(
    'person', (SELECT json_build_object('status', p.status, 'workStartedOn', p.work_started_on, 'commitmentSignedOn', p.commitment_signed_on)
               FROM people p WHERE p.id = p_person),
    'dutyType', (SELECT json_build_object('minExperienceMonths', d.min_experience_months, 'requiresCommitment', d.requires_commitment,
                   'required', ARRAY(SELECT r.certification_type_id FROM duty_type_certifications r WHERE r.duty_type_id = d.id ORDER BY 1))
                 FROM duty_types d WHERE d.id = p_duty_type),
    'certifications', ARRAY(SELECT json_build_object('t', c.certification_type_id, 'from', c.valid_from, 'until', c.valid_until, 'revokedAt', c.revoked_at)
                            FROM certifications c WHERE c.person_id = p_person ORDER BY c.id),
    'others', ARRAY(SELECT json_build_object('startsAt', sh.starts_at, 'endsAt', sh.ends_at, 'stationId', sh.station_id, 'dutyTypeId', sh.duty_type_id)
                    FROM assignments a JOIN shifts sh ON sh.id = a.shift_id
                    WHERE a.person_id = p_person AND a.status = 'ACTIVE' AND a.id IS DISTINCT FROM p_exclude
                      AND sh.starts_at < p_end AND sh.ends_at > p_start
                    ORDER BY a.id));
END $$;

-- A roster API request's station, person and duty type by code (null when
-- unknown; the unit paths for the token's scope check) with the rule's inputs.
CREATE FUNCTION roster_targets(p_station text, p_employee text, p_duty_type text, p_start timestamptz, p_end timestamptz)
RETURNS json LANGUAGE plpgsql STABLE AS $$
DECLARE
  station json;
  person json;
  duty_type json;
  person_id integer;
  duty_type_id integer;
BEGIN
  SELECT json_build_object('id', s.id, 'code', s.code, 'unitId', s.unit_id, 'path', u.path) INTO station
    FROM stations s JOIN units u ON u.id = s.unit_id WHERE s.code = p_station;
  SELECT p.id, json_build_object('id', p.id, 'employeeCode', p.employee_code, 'path', u.path) INTO person_id, person
    FROM people p JOIN units u ON u.id = p.unit_id WHERE p.employee_code = p_employee;
  SELECT d.id, json_build_object('id', d.id, 'code', d.code) INTO duty_type_id, duty_type
    FROM duty_types d WHERE d.code = p_duty_type;
  RETURN json_build_object('station', station, 'person', person, 'dutyType', duty_type,
    'rule', roster_rule_inputs(person_id, duty_type_id, p_start, p_end, NULL));
END $$;
