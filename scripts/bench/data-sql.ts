// Set-based SQL for the benchmark dataset. Every "random" choice is a hash of
// the row number, so the same flags give the same data on every machine.

/** A deterministic pseudo-random integer in [0, n) from row number `i` and a salt. */
export const rnd = (i: string, salt: number, n: number | string) => `((hashint8((${i})::bigint * 7919 + ${salt})::bigint & 2147483647) % ${n})`;

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Mai", "Trịnh", "Lương", "Đinh"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thu", "Quang", "Hồng", "Thanh", "Xuân", "Hữu", "Kim"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Phong", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Yến"];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(",")}]::text[]`;

export function unitsSql(units: number) {
  // Root, then 10% agencies, one provincial post office, communes with one station each, the rest departments.
  const agencies = Math.floor(units * 0.1);
  const communes = Math.floor((units - agencies - 2) * 0.3);
  const stations = communes;
  const departments = units - 2 - agencies - communes - stations;
  return [
    `insert into units (code, name, kind) values ('BENCH', 'Tỉnh Thử Nghiệm', 'PROVINCE')`,
    `insert into units (code, name, kind, parent_id)
       select 'AG' || g, 'Cơ quan gửi số ' || g, 'AGENCY', (select id from units where code = 'BENCH') from generate_series(1, ${agencies}) g`,
    `insert into units (code, name, kind, parent_id) values ('BD', 'Bưu điện tỉnh', 'POST_OFFICE', (select id from units where code = 'BENCH'))`,
    `insert into units (code, name, kind, parent_id)
       select 'XA' || g, 'Bưu điện xã số ' || g, 'COMMUNE_POST_OFFICE', (select id from units where code = 'BD') from generate_series(1, ${communes}) g`,
    `insert into units (code, name, kind, parent_id)
       select 'BC' || g, 'Bưu cục KT1 số ' || g, 'STATION', (select id from units where code = 'XA' || g) from generate_series(1, ${stations}) g`,
    `insert into units (code, name, kind, parent_id)
       select 'PB' || g, 'Phòng ban số ' || g, 'DEPARTMENT', (select id from units where code = 'AG' || (1 + (g % ${agencies}))) from generate_series(1, ${departments}) g`,
  ];
}

// The commitment (decision 044): one text, and signatures on paper for those who have signed.
const COMMITMENT_TEXT_SQL = `insert into commitment_versions (number, text, text_sha256, published_at)
    select 1, x.t, encode(sha256(convert_to(x.t, 'UTF8')), 'hex'), timestamptz '2017-12-01 00:00:00+00'
      from (select 'Bản cam kết bảo vệ bí mật nhà nước (dữ liệu đo hiệu năng).'::text as t) x
    on conflict (number) do nothing`;
function commitmentSql(codePattern: string, signedOn: string, where = "true") {
  return `insert into commitment_signatures (person_id, version_id, text_sha256, kind, signed_on, recorded_at, note)
    select p.id, v.id, v.text_sha256, 'PAPER', ${signedOn}, now(), 'dữ liệu đo hiệu năng'
      from people p cross join (select id, text_sha256 from commitment_versions where number = 1) v
     where p.employee_code like '${codePattern}' and ${where}`;
}

/**
 * Positions by unit kind: in sending units 20 % clerks, 5 % heads, 5 % officers
 * handling state secrets, the rest specialists; in postal units 30 % each of
 * counter clerks, sorting officers and postmen, 5 % heads, the rest
 * specialists. A person took their position up to two years ago (never before
 * they started work), so obligations run from every point of the last two years.
 */
const POSITION_CASE = (g: string) => `case when u.kind in ('AGENCY', 'DEPARTMENT', 'POLICE', 'PROVINCE') then
         case when ${rnd(g, 9, 100)} < 20 then 'VAN_THU' when ${rnd(g, 9, 100)} < 25 then 'LANH_DAO'
              when ${rnd(g, 9, 100)} < 30 then 'CAN_BO_BMNN' else 'CHUYEN_VIEN' end
       else
         case when ${rnd(g, 9, 100)} < 30 then 'GDV_KT1' when ${rnd(g, 9, 100)} < 60 then 'KHAI_THAC_KT1'
              when ${rnd(g, 9, 100)} < 90 then 'BUU_TA_KT1' when ${rnd(g, 9, 100)} < 95 then 'LANH_DAO' else 'CHUYEN_VIEN' end end`;

export function peopleSql(staff: number) {
  return [
    `create temporary table bench_units as select row_number() over (order by id) - 1 as n, id, kind from units where code <> 'BENCH'`,
    `insert into people (employee_code, full_name, unit_id, position_id, position_since, work_started_on, email, status, updated_at)
       select 'B' || lpad(g::text, 6, '0'),
              (${arr(FAMILY)})[1 + ${rnd("g", 1, FAMILY.length)}] || ' ' || (${arr(MIDDLE)})[1 + ${rnd("g", 2, MIDDLE.length)}] || ' ' || (${arr(GIVEN)})[1 + ${rnd("g", 3, GIVEN.length)}],
              u.id,
              pos.id,
              greatest(w.started, current_date - ${rnd("g", 10, 730)}::int),
              w.started,
              'b' || g || '@bench.test',
              case when ${rnd("g", 6, 50)} = 0 then 'LEFT' else 'ACTIVE' end::"PersonStatus",
              now()
         from generate_series(1, ${staff}) g
         cross join lateral (select date '1995-01-01' + ${rnd("g", 5, 11000)}::int as started) w
         join bench_units u on u.n = ${rnd("g", 4, "(select count(*) from bench_units)")}
         join positions pos on pos.code = ${POSITION_CASE("g")}`,
    COMMITMENT_TEXT_SQL,
    // Eight in ten have signed, on a day in 2020–2025.
    commitmentSql("B%", "date '2020-01-01' + (p.id * 7919 % 2000)", "p.id * 7919 % 10 < 8"),
  ];
}

/** The requirement rules (the demo's, app/seed/obligations-seed.server.ts), taking effect `daysAgo` days before today. */
export function rulesSql(rules: { unitKind: string | null; positionCode: string | null; secretAccess: boolean; type: string; days: number; gates: boolean; effectiveDaysAgo: number }[]) {
  const q = (v: string | null) => (v === null ? "null" : `'${v.replaceAll("'", "''")}'`);
  return rules.map(
    (r) => `insert into requirement_rules (unit_kind, position_id, secret_access, certification_type_id, due_within_days, gates_kt1_duty, effective_from)
       select ${q(r.unitKind)}::"UnitKind", (select id from positions where code = ${q(r.positionCode)}), ${r.secretAccess}, t.id, ${r.days}, ${r.gates},
              current_date - ${r.effectiveDaysAgo}
         from certification_types t where t.code = ${q(r.type)}`,
  );
}

/** Attempt j belongs to person p(j) and exam e(j); every third attempt passed and carries certification j/3. */
export function attemptsAndCertificationsSql(staff: number, attempts: number, certifications: number) {
  const person = (j: string) => `(1 + ${rnd(j, 11, staff)} + (select min(id) - 1 from people where employee_code like 'B%'))`;
  return [
    `create temporary table bench_exams as select row_number() over (order by id) - 1 as n, id, certification_type_id, revision from exams`,
    // Certifying attempts need their exam version approved by a trainer (decision 051).
    `insert into people (employee_code, full_name, unit_id, position, work_started_on, status, updated_at)
       select 'BENCH-APPROVER', 'Giảng viên phê duyệt đề', (select id from units where code = 'BENCH'), 'Giảng viên', date '2015-01-01', 'ACTIVE', now()`,
    `insert into role_grants (person_id, role, unit_id)
       select id, 'TRAINER', (select id from units where code = 'BENCH') from people where employee_code = 'BENCH-APPROVER'`,
    `insert into exam_approvals (exam_id, revision, approved_by_id, approved_at)
       select e.id, e.revision, (select id from people where employee_code = 'BENCH-APPROVER'), timestamptz '2024-10-01 02:00:00+00' from bench_exams e`,
    `insert into exam_attempts (exam_id, person_id, started_at, deadline_at, status, submitted_at, score, max_score, percent, passed, certifying, exam_revision)
       select e.id, ${person("j")}, t, t + interval '30 minutes', 'SUBMITTED', t + interval '20 minutes',
              case when j % 3 = 0 then 18 else 10 end, 20, case when j % 3 = 0 then 90 else 50 end, j % 3 = 0, true, e.revision
         from generate_series(1, ${attempts}) j
         cross join lateral (select timestamptz '2024-11-01 02:00:00+00' + (${rnd("j", 12, 730 * 24)} * interval '1 hour') as t) tt
         join bench_exams e on e.n = ${rnd("j", 13, 3)}`,
    // Certifications from the first passed attempts: valid for 24 months from the attempt day; 2% revoked.
    `insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at, valid_from, valid_until, attempt_id, revoked_at, revoke_reason)
       select 'BENCH-' || lpad(a.id::text, 8, '0'), md5('bench' || a.id), a.person_id, e.certification_type_id, 'EXAM', a.submitted_at,
              (a.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date,
              (a.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date + interval '24 months' - interval '1 day',
              a.id,
              case when a.id % 50 = 0 then a.submitted_at + interval '30 days' end,
              case when a.id % 50 = 0 then 'Thu hồi thử nghiệm' end
         from exam_attempts a join exams e on e.id = a.exam_id
        where a.passed order by a.id limit ${certifications}`,
  ];
}

/**
 * The roster part: `stations` stations, each with 20 qualified staff (a valid
 * KT1-BUU-DIEN certification, experience, commitment), 3 shifts a day for 8
 * weeks from `monday`, two people on each — inserted with the trigger on, so
 * every row passes the real rule.
 */
export const MONTH_STATION = "BC-THANG";

const SESSION_SQL = `insert into training_sessions (certification_type_id, held_on, place, trainer_id, pass_percent)
  select t.id, date '2026-01-10', 'Hội trường thử nghiệm', (select id from people where employee_code = 'BENCH-TRAINER-1'), 70
    from certification_types t where t.code = 'KT1-BUU-DIEN'`;
const CONFIRM_SQL = `update training_sessions set status = 'CONFIRMED', decided_at = timestamptz '2026-01-10 02:00:00+00',
    decided_by_id = (select id from people where employee_code = 'BENCH-TRAINER-2')
  where id = (select max(id) from training_sessions)`;
export const MONTH_PEOPLE = 50;
/** The duty every roster scenario books: it requires KT1-BUU-DIEN, which the roster people hold. */
export const BENCH_DUTY = "KT1-KHAI-THAC";

export function rosterSql(stations: number, monday: string) {
  return [
    `insert into duty_types (code, name, min_experience_months, requires_commitment)
       values ('${BENCH_DUTY}', 'Khai thác, chia chọn KT1', 6, true) on conflict (code) do nothing`,
    `insert into duty_type_certifications (duty_type_id, certification_type_id)
       select d.id, t.id from duty_types d, certification_types t where d.code = '${BENCH_DUTY}' and t.code = 'KT1-BUU-DIEN' on conflict do nothing`,
    `insert into stations (code, name, unit_id)
       select u.code, u.name, u.id from units u where u.kind = 'STATION' order by u.id limit ${stations}`,
    `insert into people (employee_code, full_name, unit_id, position, work_started_on, status, updated_at)
       select 'R' || s.id || '-' || k, 'Nhân viên trực ' || k || ' ' || s.name, s.unit_id, 'Nhân viên khai thác', date '2018-01-01', 'ACTIVE', now()
         from stations s cross join generate_series(1, 20) k`,
    COMMITMENT_TEXT_SQL,
    commitmentSql("R%", "date '2018-02-01'"),
    // Two trainers: one records each session, the other confirms it (two-person rule, decision 029).
    `insert into people (employee_code, full_name, unit_id, position, work_started_on, status, updated_at)
       select 'BENCH-TRAINER-' || k, 'Giảng viên thử nghiệm ' || k, (select id from units where code = 'BENCH'), 'Giảng viên', date '2015-01-01', 'ACTIVE', now()
         from generate_series(1, 2) k`,
    `insert into role_grants (person_id, role, unit_id)
       select id, 'TRAINER', (select id from units where code = 'BENCH') from people where employee_code like 'BENCH-TRAINER-%'`,
    SESSION_SQL,
    `insert into training_attendance (session_id, person_id, attended, paper_score)
       select (select max(id) from training_sessions), p.id, true, 90 from people p where p.employee_code like 'R%'`,
    CONFIRM_SQL,
    `insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at, valid_from, valid_until, training_attendance_id)
       select 'BENCH-R' || a.id, md5('roster' || a.id), a.person_id, (select id from certification_types where code = 'KT1-BUU-DIEN'), 'IN_PERSON',
              timestamptz '2026-01-10 03:00:00+00', date '2026-01-10', date '2028-01-09', a.id
         from training_attendance a join people p on p.id = a.person_id where p.employee_code like 'R%'`,
    `insert into shifts (station_id, duty_type_id, starts_at, ends_at, headcount)
       select s.id, (select id from duty_types where code = '${BENCH_DUTY}'),
              (date '${monday}' + d)::timestamp at time zone 'Asia/Ho_Chi_Minh' + (h * interval '1 hour'),
              (date '${monday}' + d)::timestamp at time zone 'Asia/Ho_Chi_Minh' + ((h + 4) * interval '1 hour'), 3
         from stations s cross join generate_series(0, 55) d cross join unnest(ARRAY[7, 12, 17]) h`,
    // Person k of a station works slot ((k + day) mod 3) if k is in the day's rota: never two shifts at once.
    `insert into assignments (shift_id, person_id, source)
       select sh.id, p.id, 'PAGE'
         from shifts sh
         join lateral (select extract(hour from sh.starts_at at time zone 'Asia/Ho_Chi_Minh')::int as h,
                              ((sh.starts_at at time zone 'Asia/Ho_Chi_Minh')::date - date '${monday}') as d) x on true
         join people p on p.unit_id = (select unit_id from stations where id = sh.station_id)
          and p.employee_code like 'R%'
          and split_part(p.employee_code, '-', 2)::int in (1 + ((x.d * 2 + (x.h - 7) / 5 * 2) % 20), 1 + ((x.d * 2 + (x.h - 7) / 5 * 2 + 1) % 20))`,
    // The month-roster station: 50 qualified people ('M1'..'M50') and no shifts yet; the bench
    // creates a month of shifts there and fills them through the API.
    `insert into units (code, name, kind, parent_id) values ('${MONTH_STATION}', 'Bưu cục KT1 lập lịch tháng', 'STATION', (select id from units where code = 'BD'))`,
    `insert into stations (code, name, unit_id) select code, name, id from units where code = '${MONTH_STATION}'`,
    `insert into people (employee_code, full_name, unit_id, position, work_started_on, status, updated_at)
       select 'M' || k, 'Nhân viên trực tháng ' || k, (select id from units where code = '${MONTH_STATION}'), 'Nhân viên khai thác', date '2018-01-01', 'ACTIVE', now()
         from generate_series(1, ${MONTH_PEOPLE}) k`,
    commitmentSql("M%", "date '2018-02-01'"),
    SESSION_SQL,
    `insert into training_attendance (session_id, person_id, attended, paper_score)
       select (select max(id) from training_sessions), p.id, true, 90 from people p where p.employee_code like 'M%'`,
    CONFIRM_SQL,
    `insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at, valid_from, valid_until, training_attendance_id)
       select 'BENCH-M' || a.id, md5('month' || a.id), a.person_id, (select id from certification_types where code = 'KT1-BUU-DIEN'), 'IN_PERSON',
              timestamptz '2026-01-10 03:00:00+00', date '2026-01-10', date '2028-01-09', a.id
         from training_attendance a join people p on p.id = a.person_id where p.employee_code like 'M%'`,
  ];
}
