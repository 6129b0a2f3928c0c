import { isDay } from "~/domain/time/calendar.ts";
// Demo data for Thanh Hóa province after the 2025 reorganisation
// (34 provinces, no district level; Sở TT&TT merged into Sở KH&CN;
// commune-level post offices "Bưu điện xã/phường ..." since 01/09/2025).
// All names, emails (.test TLD) and phone numbers are fictitious.

export type DemoUnitKind = "PROVINCE" | "DEPARTMENT" | "AGENCY" | "POLICE" | "POST_OFFICE" | "COMMUNE_POST_OFFICE" | "STATION";

export type DemoUnit = { code: string; name: string; kind: DemoUnitKind; parentCode: string | null };

export type DemoRole = "LEARNER" | "TRAINER" | "MANAGER" | "AUDITOR" | "ADMIN";

export type DemoPerson = {
  employeeCode: string;
  fullName: string;
  unitCode: string;
  positionCode: string; // a code of the position catalogue (migration 20261205000000)
  workStartedOn: string; // "YYYY-MM-DD"
  email: string | null;
  phone: string | null;
  status: "ACTIVE" | "LEFT";
  /** The day the commitment was signed on paper ("YYYY-MM-DD"), recorded as a signature of version 1; null: not signed. */
  commitmentSignedOn: string | null;
  roles: { role: DemoRole; unitCode: string }[]; // besides LEARNER on own unit, which the seeder adds for everyone
  login?: { label: string }; // present only for the demo accounts
};

export const DEMO_PASSWORD = "Kt1-demo-2026";

/** When the demo's commitment text (version 1) was published: before every demo signature. */
export const DEMO_COMMITMENT_PUBLISHED_AT = new Date("2025-09-01T01:00:00Z");

// ---------------------------------------------------------------------------
// Units (parents listed before children)
// ---------------------------------------------------------------------------

export const DEMO_UNITS: DemoUnit[] = [
  { code: "TH", name: "Tỉnh Thanh Hóa", kind: "PROVINCE", parentCode: null },

  { code: "TH-SKHCN", name: "Sở Khoa học và Công nghệ", kind: "DEPARTMENT", parentCode: "TH" },
  { code: "TH-VPUBND", name: "Văn phòng UBND tỉnh", kind: "AGENCY", parentCode: "TH" },
  { code: "TH-SNV", name: "Sở Nội vụ", kind: "AGENCY", parentCode: "TH" },
  { code: "TH-STC", name: "Sở Tài chính", kind: "AGENCY", parentCode: "TH" },
  { code: "TH-VPTU", name: "Văn phòng Tỉnh ủy", kind: "AGENCY", parentCode: "TH" },
  { code: "TH-BTCTU", name: "Ban Tổ chức Tỉnh ủy", kind: "AGENCY", parentCode: "TH" },
  { code: "TH-SYT", name: "Sở Y tế", kind: "AGENCY", parentCode: "TH" },
  { code: "TH-CA", name: "Công an tỉnh Thanh Hóa", kind: "POLICE", parentCode: "TH" },

  { code: "TH-BD", name: "Bưu điện tỉnh Thanh Hóa", kind: "POST_OFFICE", parentCode: "TH" },

  { code: "TH-BD-HACTHANH", name: "Bưu điện phường Hạc Thành", kind: "COMMUNE_POST_OFFICE", parentCode: "TH-BD" },
  { code: "TH-BD-HACTHANH-KT1", name: "Bưu cục KT1 Hạc Thành", kind: "STATION", parentCode: "TH-BD-HACTHANH" },

  { code: "TH-BD-SAMSON", name: "Bưu điện phường Sầm Sơn", kind: "COMMUNE_POST_OFFICE", parentCode: "TH-BD" },
  { code: "TH-BD-SAMSON-KT1", name: "Bưu cục KT1 Sầm Sơn", kind: "STATION", parentCode: "TH-BD-SAMSON" },

  { code: "TH-BD-THOXUAN", name: "Bưu điện xã Thọ Xuân", kind: "COMMUNE_POST_OFFICE", parentCode: "TH-BD" },
  { code: "TH-BD-THOXUAN-KT1", name: "Bưu cục KT1 Thọ Xuân", kind: "STATION", parentCode: "TH-BD-THOXUAN" },

  { code: "TH-BD-BIMSON", name: "Bưu điện phường Bỉm Sơn", kind: "COMMUNE_POST_OFFICE", parentCode: "TH-BD" },
  { code: "TH-BD-BIMSON-KT1", name: "Bưu cục KT1 Bỉm Sơn", kind: "STATION", parentCode: "TH-BD-BIMSON" },
];

// ---------------------------------------------------------------------------
// People (demo accounts first)
// ---------------------------------------------------------------------------

export const DEMO_PEOPLE: DemoPerson[] = [
  // --- Demo accounts -------------------------------------------------------
  {
    employeeCode: "TH0001",
    fullName: "Lê Minh Quân",
    unitCode: "TH-SKHCN",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2012-03-01",
    email: "admin@kt1.test",
    phone: "0912450301",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-15",
    roles: [{ role: "ADMIN", unitCode: "TH" }],
    login: { label: "Quản trị viên" },
  },
  {
    employeeCode: "TH0002",
    fullName: "Phạm Thị Thu Hà",
    unitCode: "TH-SKHCN",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2008-08-18",
    email: "trainer@kt1.test",
    phone: "0983112745",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-15",
    roles: [{ role: "TRAINER", unitCode: "TH" }],
    login: { label: "Giảng viên" },
  },
  {
    employeeCode: "TH0003",
    fullName: "Trần Đức Thắng",
    unitCode: "TH-BD",
    positionCode: "LANH_DAO",
    workStartedOn: "1998-06-01",
    email: "manager@kt1.test",
    phone: "0913208816",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-10",
    roles: [{ role: "MANAGER", unitCode: "TH-BD" }],
    login: { label: "Quản lý (Bưu điện tỉnh)" },
  },
  {
    employeeCode: "TH0004",
    fullName: "Hoàng Thị Lan Anh",
    unitCode: "TH-SKHCN",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2010-11-02",
    email: "auditor@kt1.test",
    phone: "0946321587",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-16",
    roles: [{ role: "AUDITOR", unitCode: "TH" }],
    login: { label: "Thanh tra" },
  },
  {
    employeeCode: "TH0005",
    fullName: "Nguyễn Thị Hồng Nhung",
    unitCode: "TH-VPUBND",
    positionCode: "VAN_THU",
    workStartedOn: "2016-04-11",
    email: "learner@kt1.test",
    phone: "0975640213",
    status: "ACTIVE",
    commitmentSignedOn: null, // signs in the app (e2e)
    roles: [],
    login: { label: "Học viên (văn thư)" },
  },
  {
    employeeCode: "TH0006",
    fullName: "Vũ Văn Tuấn",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2014-02-17",
    email: "postal@kt1.test",
    phone: "0904781236",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-20",
    roles: [],
    login: { label: "Học viên (bưu cục KT1)" },
  },
  {
    // The second trainer of the two-person rule: approves exam versions the first one made (decision 051).
    employeeCode: "TH0072",
    fullName: "Ngô Thị Minh Thư",
    unitCode: "TH-SKHCN",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2011-05-03",
    email: "trainer2@kt1.test",
    phone: "0983556204",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-15",
    roles: [{ role: "TRAINER", unitCode: "TH" }],
    login: { label: "Giảng viên thứ hai (phê duyệt đề thi)" },
  },

  // --- Sở Khoa học và Công nghệ -------------------------------------------
  {
    employeeCode: "TH0007",
    fullName: "Đặng Quốc Bảo",
    unitCode: "TH-SKHCN",
    positionCode: "LANH_DAO",
    workStartedOn: "2003-09-01",
    email: "bao.dang@kt1.test",
    phone: "0912873405",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-15",
    roles: [],
  },
  {
    employeeCode: "TH0008",
    fullName: "Bùi Thị Mai Hương",
    unitCode: "TH-SKHCN",
    positionCode: "VAN_THU",
    workStartedOn: "2018-07-09",
    email: "huong.bui@kt1.test",
    phone: "0987325614",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-18",
    roles: [],
  },
  {
    employeeCode: "TH0009",
    fullName: "Vũ Thị Minh Châu",
    unitCode: "TH-SKHCN",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2026-07-01",
    email: "chau.vu@kt1.test",
    phone: "0356102847",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },

  // --- Văn phòng UBND tỉnh -------------------------------------------------
  {
    employeeCode: "TH0010",
    fullName: "Đỗ Văn Long",
    unitCode: "TH-VPUBND",
    positionCode: "LANH_DAO",
    workStartedOn: "2001-03-15",
    email: "long.do@kt1.test",
    phone: "0913564702",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },
  {
    employeeCode: "TH0011",
    fullName: "Mai Thị Thanh Tâm",
    unitCode: "TH-VPUBND",
    positionCode: "VAN_THU",
    workStartedOn: "2011-10-03",
    email: "tam.mai@kt1.test",
    phone: "0945218630",
    status: "ACTIVE",
    commitmentSignedOn: "2025-10-02",
    roles: [],
  },
  {
    employeeCode: "TH0012",
    fullName: "Ngô Minh Đức",
    unitCode: "TH-VPUBND",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2019-05-20",
    email: "duc.ngo@kt1.test",
    phone: "0968417205",
    status: "ACTIVE",
    commitmentSignedOn: "2025-10-03",
    roles: [],
  },
  {
    employeeCode: "TH0013",
    fullName: "Lý Thị Thanh Thủy",
    unitCode: "TH-VPUBND",
    positionCode: "CAN_BO_BMNN",
    workStartedOn: "2007-01-08",
    email: "thuy.ly@kt1.test",
    phone: "0915036728",
    status: "ACTIVE",
    commitmentSignedOn: "2025-10-02",
    roles: [],
  },

  // --- Sở Nội vụ -----------------------------------------------------------
  {
    employeeCode: "TH0014",
    fullName: "Trịnh Thị Ngọc Ánh",
    unitCode: "TH-SNV",
    positionCode: "VAN_THU",
    workStartedOn: "2015-08-03",
    email: "anh.trinh@kt1.test",
    phone: "0978632150",
    status: "ACTIVE",
    commitmentSignedOn: "2025-10-08",
    roles: [],
  },
  {
    employeeCode: "TH0015",
    fullName: "Lương Văn Khải",
    unitCode: "TH-SNV",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2009-12-01",
    email: "khai.luong@kt1.test",
    phone: "0904257391",
    status: "ACTIVE",
    commitmentSignedOn: "2025-10-08",
    roles: [],
  },
  {
    employeeCode: "TH0071",
    fullName: "Lê Thị Thu Trang",
    unitCode: "TH-SNV",
    positionCode: "VAN_THU",
    workStartedOn: "2024-03-01",
    email: "trang.le@kt1.test",
    phone: "0912837465",
    status: "ACTIVE",
    commitmentSignedOn: null, // a new clerk: signs and takes the exam in the compliance journey (e2e)
    roles: [],
  },
  {
    employeeCode: "TH0016",
    fullName: "Hồ Thị Phương",
    unitCode: "TH-SNV",
    positionCode: "LANH_DAO",
    workStartedOn: "2000-02-14",
    email: "phuong.ho@kt1.test",
    phone: "0912604583",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },

  // --- Sở Tài chính --------------------------------------------------------
  {
    employeeCode: "TH0017",
    fullName: "Dương Văn Hải",
    unitCode: "TH-STC",
    positionCode: "LANH_DAO",
    workStartedOn: "2002-07-22",
    email: "hai.duong@kt1.test",
    phone: "0983740126",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },
  {
    employeeCode: "TH0018",
    fullName: "Lý Thị Kim Oanh",
    unitCode: "TH-STC",
    positionCode: "VAN_THU",
    workStartedOn: "2013-03-04",
    email: "oanh.ly@kt1.test",
    phone: "0947183062",
    status: "ACTIVE",
    commitmentSignedOn: "2025-10-10",
    roles: [],
  },
  {
    employeeCode: "TH0019",
    fullName: "Nguyễn Hữu Phước",
    unitCode: "TH-STC",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2017-09-11",
    email: "phuoc.nguyen@kt1.test",
    phone: "0362841907",
    status: "LEFT",
    commitmentSignedOn: "2025-10-10",
    roles: [],
  },

  // --- Văn phòng Tỉnh ủy ---------------------------------------------------
  {
    employeeCode: "TH0020",
    fullName: "Lê Thị Bích Ngọc",
    unitCode: "TH-VPTU",
    positionCode: "VAN_THU",
    workStartedOn: "2012-06-18",
    email: "ngoc.le@kt1.test",
    phone: "0919372054",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-25",
    roles: [],
  },
  {
    employeeCode: "TH0021",
    fullName: "Phạm Văn Toàn",
    unitCode: "TH-VPTU",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2005-04-25",
    email: "toan.pham@kt1.test",
    phone: "0973058146",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-25",
    roles: [],
  },
  {
    employeeCode: "TH0022",
    fullName: "Trần Thị Hạnh",
    unitCode: "TH-VPTU",
    positionCode: "CAN_BO_BMNN",
    workStartedOn: "2026-09-07",
    email: "hanh.tran@kt1.test",
    phone: "0387265013",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },

  // --- Ban Tổ chức Tỉnh ủy -------------------------------------------------
  {
    employeeCode: "TH0023",
    fullName: "Hoàng Văn Dũng",
    unitCode: "TH-BTCTU",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2006-10-16",
    email: "dung.hoang@kt1.test",
    phone: "0912598437",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-26",
    roles: [],
  },
  {
    employeeCode: "TH0024",
    fullName: "Vũ Thị Thùy Linh",
    unitCode: "TH-BTCTU",
    positionCode: "VAN_THU",
    workStartedOn: "2020-01-06",
    email: "thuylinh.vu@kt1.test",
    phone: "0986214735",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-26",
    roles: [],
  },

  // --- Sở Y tế (only one clerk) --------------------------------------------
  {
    employeeCode: "TH0025",
    fullName: "Đinh Thị Thu Trang",
    unitCode: "TH-SYT",
    positionCode: "VAN_THU",
    workStartedOn: "2014-05-12",
    email: "trang.dinh@kt1.test",
    phone: "0948560271",
    status: "ACTIVE",
    commitmentSignedOn: "2025-10-14",
    roles: [],
  },

  // --- Công an tỉnh --------------------------------------------------------
  {
    employeeCode: "TH0026",
    fullName: "Lê Văn Thành",
    unitCode: "TH-CA",
    positionCode: "VAN_THU",
    workStartedOn: "2004-08-01",
    email: "thanh.le@kt1.test",
    phone: "0913427680",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-30",
    roles: [],
  },
  {
    employeeCode: "TH0027",
    fullName: "Nguyễn Mạnh Cường",
    unitCode: "TH-CA",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2011-02-21",
    email: "cuong.nguyen@kt1.test",
    phone: "0971850342",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-30",
    roles: [],
  },
  {
    employeeCode: "TH0028",
    fullName: "Phan Thị Yến",
    unitCode: "TH-CA",
    positionCode: "VAN_THU",
    workStartedOn: "2021-11-15",
    email: "yen.phan@kt1.test",
    phone: "0965173028",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-30",
    roles: [],
  },

  // --- Bưu điện tỉnh -------------------------------------------------------
  {
    employeeCode: "TH0029",
    fullName: "Cao Văn Sơn",
    unitCode: "TH-BD",
    positionCode: "LANH_DAO",
    workStartedOn: "1999-03-08",
    email: "son.cao@kt1.test",
    phone: "0912036458",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-10",
    roles: [],
  },
  {
    employeeCode: "TH0030",
    fullName: "Trương Thị Diệu Linh",
    unitCode: "TH-BD",
    positionCode: "CHUYEN_VIEN",
    workStartedOn: "2015-06-15",
    email: "dieulinh.truong@kt1.test",
    phone: "0944605173",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-11",
    roles: [],
  },
  {
    employeeCode: "TH0031",
    fullName: "Trịnh Thị Hương Giang",
    unitCode: "TH-BD",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2010-04-05",
    email: "giang.trinh@kt1.test",
    phone: "0982416037",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-11",
    roles: [],
  },

  // --- Bưu điện phường Hạc Thành -------------------------------------------
  {
    employeeCode: "TH0032",
    fullName: "Đoàn Minh Tú",
    unitCode: "TH-BD-HACTHANH",
    positionCode: "LANH_DAO",
    workStartedOn: "2002-10-01",
    email: "tu.doan@kt1.test",
    phone: "0915283704",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-12",
    roles: [],
  },
  {
    employeeCode: "TH0033",
    fullName: "Tạ Thị Hoa",
    unitCode: "TH-BD-HACTHANH",
    positionCode: "GDV_KT1",
    workStartedOn: "2016-12-05",
    email: "hoa.ta@kt1.test",
    phone: "0977321850",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-12",
    roles: [],
  },

  // --- Bưu cục KT1 Hạc Thành (plus TH0006) ---------------------------------
  {
    employeeCode: "TH0034",
    fullName: "Nguyễn Văn Thịnh",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "LANH_DAO",
    workStartedOn: "2005-07-11",
    email: "thinh.nguyen@kt1.test",
    phone: "0913740285",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-12",
    roles: [{ role: "MANAGER", unitCode: "TH-BD-HACTHANH-KT1" }],
  },
  {
    employeeCode: "TH0035",
    fullName: "Lê Thị Huyền",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2012-09-24",
    email: "huyen.le@kt1.test",
    phone: "0985604712",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-20",
    roles: [],
  },
  {
    employeeCode: "TH0036",
    fullName: "Đỗ Đức Mạnh",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "VAN_CHUYEN_KT1",
    workStartedOn: "2009-03-16",
    email: "manh.do@kt1.test",
    phone: "0904582137",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-20",
    roles: [],
  },
  {
    employeeCode: "TH0037",
    fullName: "Hoàng Minh Hiếu",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "BUU_TA_KT1",
    workStartedOn: "2019-02-25",
    email: "hieu.hoang@kt1.test",
    phone: "0868142037",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-21",
    roles: [],
  },
  {
    employeeCode: "TH0038",
    fullName: "Bùi Văn Lợi",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "AP_TAI",
    workStartedOn: "2007-06-04",
    email: null,
    phone: "0912847603",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-20",
    roles: [],
  },
  {
    employeeCode: "TH0039",
    fullName: "Trần Thị Kiều",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2026-08-03",
    email: "kieu.tran@kt1.test",
    phone: "0397051826",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },
  {
    employeeCode: "TH0040",
    fullName: "Ngô Văn Phúc",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "BUU_TA_KT1",
    workStartedOn: "2018-04-02",
    email: "phuc.ngo@kt1.test",
    phone: "0976328105",
    status: "LEFT",
    commitmentSignedOn: "2025-09-21",
    roles: [],
  },
  {
    employeeCode: "TH0041",
    fullName: "Phùng Văn Nghĩa",
    unitCode: "TH-BD-HACTHANH-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2022-10-17",
    email: "nghia.phung@kt1.test",
    phone: "0335720481",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-22",
    roles: [],
  },

  // --- Bưu điện phường Sầm Sơn ---------------------------------------------
  {
    employeeCode: "TH0042",
    fullName: "Lê Quang Vinh",
    unitCode: "TH-BD-SAMSON",
    positionCode: "LANH_DAO",
    workStartedOn: "2003-05-19",
    email: "vinh.le@kt1.test",
    phone: "0914720368",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-13",
    roles: [],
  },
  {
    employeeCode: "TH0043",
    fullName: "Nguyễn Thị Thảo",
    unitCode: "TH-BD-SAMSON",
    positionCode: "GDV_KT1",
    workStartedOn: "2020-08-10",
    email: "thao.nguyen@kt1.test",
    phone: "0983517260",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-13",
    roles: [],
  },

  // --- Bưu cục KT1 Sầm Sơn -------------------------------------------------
  {
    employeeCode: "TH0044",
    fullName: "Vũ Đình Khang",
    unitCode: "TH-BD-SAMSON-KT1",
    positionCode: "LANH_DAO",
    workStartedOn: "2004-01-12",
    email: "khang.vu@kt1.test",
    phone: "0912365087",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-13",
    roles: [],
  },
  {
    employeeCode: "TH0045",
    fullName: "Đặng Thị Thơm",
    unitCode: "TH-BD-SAMSON-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2013-11-04",
    email: "thom.dang@kt1.test",
    phone: "0947832516",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-23",
    roles: [],
  },
  {
    employeeCode: "TH0046",
    fullName: "Lương Thị Hằng",
    unitCode: "TH-BD-SAMSON-KT1",
    positionCode: "GDV_KT1",
    workStartedOn: "2017-03-27",
    email: "hang.luong@kt1.test",
    phone: "0968250473",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-23",
    roles: [],
  },
  {
    employeeCode: "TH0047",
    fullName: "Hồ Văn Tài",
    unitCode: "TH-BD-SAMSON-KT1",
    positionCode: "VAN_CHUYEN_KT1",
    workStartedOn: "2008-06-30",
    email: "tai.ho@kt1.test",
    phone: "0915604829",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-23",
    roles: [],
  },
  {
    employeeCode: "TH0048",
    fullName: "Mai Xuân Trường",
    unitCode: "TH-BD-SAMSON-KT1",
    positionCode: "BUU_TA_KT1",
    workStartedOn: "2021-04-19",
    email: "truong.mai@kt1.test",
    phone: "0386473019",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },
  {
    employeeCode: "TH0049",
    fullName: "Dương Thị Hải Yến",
    unitCode: "TH-BD-SAMSON-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2026-06-22",
    email: "haiyen.duong@kt1.test",
    phone: "0358016274",
    status: "ACTIVE",
    commitmentSignedOn: "2026-07-06",
    roles: [],
  },
  {
    employeeCode: "TH0050",
    fullName: "Lý Văn Chiến",
    unitCode: "TH-BD-SAMSON-KT1",
    positionCode: "AP_TAI",
    workStartedOn: "2011-08-08",
    email: null,
    phone: null,
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-24",
    roles: [],
  },

  // --- Bưu điện xã Thọ Xuân ------------------------------------------------
  {
    employeeCode: "TH0051",
    fullName: "Lê Đình Nam",
    unitCode: "TH-BD-THOXUAN",
    positionCode: "LANH_DAO",
    workStartedOn: "2000-09-05",
    email: "nam.le@kt1.test",
    phone: "0913086274",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-14",
    roles: [],
  },
  {
    employeeCode: "TH0052",
    fullName: "Hà Thị Nguyệt",
    unitCode: "TH-BD-THOXUAN",
    positionCode: "GDV_KT1",
    workStartedOn: "2015-02-09",
    email: "nguyet.ha@kt1.test",
    phone: "0974213680",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-14",
    roles: [],
  },

  // --- Bưu cục KT1 Thọ Xuân ------------------------------------------------
  {
    employeeCode: "TH0053",
    fullName: "Lê Văn Hòa",
    unitCode: "TH-BD-THOXUAN-KT1",
    positionCode: "LANH_DAO",
    workStartedOn: "2006-03-13",
    email: "hoa.le@kt1.test",
    phone: "0916547302",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-14",
    roles: [],
  },
  {
    employeeCode: "TH0054",
    fullName: "Nguyễn Thị Loan",
    unitCode: "TH-BD-THOXUAN-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2010-07-26",
    email: "loan.nguyen@kt1.test",
    phone: "0985036147",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-27",
    roles: [],
  },
  {
    employeeCode: "TH0055",
    fullName: "Trịnh Đình Khôi",
    unitCode: "TH-BD-THOXUAN-KT1",
    positionCode: "VAN_CHUYEN_KT1",
    workStartedOn: "2016-05-16",
    email: "khoi.trinh@kt1.test",
    phone: "0903621548",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-27",
    roles: [],
  },
  {
    employeeCode: "TH0056",
    fullName: "Phạm Thị Lụa",
    unitCode: "TH-BD-THOXUAN-KT1",
    positionCode: "GDV_KT1",
    workStartedOn: "2012-01-09",
    email: "lua.pham@kt1.test",
    phone: "0942870135",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-27",
    roles: [],
  },
  {
    employeeCode: "TH0057",
    fullName: "Hoàng Thị Mơ",
    unitCode: "TH-BD-THOXUAN-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2023-03-06",
    email: "mo.hoang@kt1.test",
    phone: "0327184650",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-28",
    roles: [],
  },
  {
    employeeCode: "TH0058",
    fullName: "Đỗ Văn Bình",
    unitCode: "TH-BD-THOXUAN-KT1",
    positionCode: "BUU_TA_KT1",
    workStartedOn: "2018-10-22",
    email: "binh.do@kt1.test",
    phone: "0967402831",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },
  {
    employeeCode: "TH0059",
    fullName: "Ngô Thị Quỳnh",
    unitCode: "TH-BD-THOXUAN-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2026-10-01",
    email: "quynh.ngo@kt1.test",
    phone: "0379520416",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },

  // --- Bưu điện phường Bỉm Sơn ---------------------------------------------
  {
    employeeCode: "TH0060",
    fullName: "Trịnh Văn Quyết",
    unitCode: "TH-BD-BIMSON",
    positionCode: "LANH_DAO",
    workStartedOn: "2001-11-19",
    email: "quyet.trinh@kt1.test",
    phone: "0912730548",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-15",
    roles: [],
  },
  {
    employeeCode: "TH0061",
    fullName: "Phạm Thị Xuân",
    unitCode: "TH-BD-BIMSON",
    positionCode: "GDV_KT1",
    workStartedOn: "2019-09-02",
    email: "xuan.pham@kt1.test",
    phone: "0986730214",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-15",
    roles: [],
  },

  // --- Bưu cục KT1 Bỉm Sơn -------------------------------------------------
  {
    employeeCode: "TH0062",
    fullName: "Trần Văn Kiên",
    unitCode: "TH-BD-BIMSON-KT1",
    positionCode: "LANH_DAO",
    workStartedOn: "2007-02-26",
    email: "kien.tran@kt1.test",
    phone: "0915382706",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-15",
    roles: [],
  },
  {
    employeeCode: "TH0063",
    fullName: "Bùi Thị Ngân",
    unitCode: "TH-BD-BIMSON-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2014-08-18",
    email: "ngan.bui@kt1.test",
    phone: "0948217360",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-29",
    roles: [],
  },
  {
    employeeCode: "TH0064",
    fullName: "Mai Văn Định",
    unitCode: "TH-BD-BIMSON-KT1",
    positionCode: "VAN_CHUYEN_KT1",
    workStartedOn: "2009-05-04",
    email: null,
    phone: "0973582061",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-29",
    roles: [],
  },
  {
    employeeCode: "TH0065",
    fullName: "Hồ Thị Hiền",
    unitCode: "TH-BD-BIMSON-KT1",
    positionCode: "GDV_KT1",
    workStartedOn: "2017-12-11",
    email: "hien.ho@kt1.test",
    phone: "0904136825",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-29",
    roles: [],
  },
  {
    employeeCode: "TH0066",
    fullName: "Đặng Văn Hưng",
    unitCode: "TH-BD-BIMSON-KT1",
    positionCode: "BUU_TA_KT1",
    workStartedOn: "2020-06-08",
    email: "hung.dang@kt1.test",
    phone: "0867315920",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-30",
    roles: [],
  },
  {
    employeeCode: "TH0067",
    fullName: "Lương Thị Vân",
    unitCode: "TH-BD-BIMSON-KT1",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: "2024-02-19",
    email: "van.luong@kt1.test",
    phone: "0392647018",
    status: "ACTIVE",
    commitmentSignedOn: "2025-09-30",
    roles: [],
  },
  {
    employeeCode: "TH0068",
    fullName: "Dương Minh Khôi",
    unitCode: "TH-BD-BIMSON-KT1",
    positionCode: "AP_TAI",
    workStartedOn: "2026-06-15",
    email: "khoi.duong@kt1.test",
    phone: "0345806172",
    status: "ACTIVE",
    commitmentSignedOn: null,
    roles: [],
  },
];

// ---------------------------------------------------------------------------
// Consistency check
// ---------------------------------------------------------------------------

export function assertDemoDataConsistent(): void {
  const fail = (msg: string): never => {
    throw new Error(`Demo data inconsistent: ${msg}`);
  };

  // Units: unique codes, parents known and listed first.
  const seenUnits = new Set<string>();
  for (const unit of DEMO_UNITS) {
    if (seenUnits.has(unit.code)) fail(`duplicate unit code ${unit.code}`);
    if (unit.parentCode !== null && !seenUnits.has(unit.parentCode)) {
      const known = DEMO_UNITS.some((u) => u.code === unit.parentCode);
      fail(
        known
          ? `parent ${unit.parentCode} is listed after its child ${unit.code}`
          : `unknown parentCode ${unit.parentCode} on unit ${unit.code}`,
      );
    }
    if (unit.name !== unit.name.normalize("NFC")) fail(`unit name not NFC: ${unit.code}`);
    seenUnits.add(unit.code);
  }

  // People: unique codes/emails, known units, valid dates.
  const seenCodes = new Set<string>();
  const seenEmails = new Set<string>();
  for (const p of DEMO_PEOPLE) {
    if (seenCodes.has(p.employeeCode)) fail(`duplicate employeeCode ${p.employeeCode}`);
    seenCodes.add(p.employeeCode);

    if (p.email !== null) {
      const email = p.email.toLowerCase();
      if (seenEmails.has(email)) fail(`duplicate email ${p.email}`);
      seenEmails.add(email);
    }

    if (!seenUnits.has(p.unitCode)) fail(`unknown unitCode ${p.unitCode} on ${p.employeeCode}`);
    for (const r of p.roles) {
      if (!seenUnits.has(r.unitCode)) fail(`unknown role unitCode ${r.unitCode} on ${p.employeeCode}`);
    }

    if (!isDay(p.workStartedOn)) fail(`bad workStartedOn ${p.workStartedOn} on ${p.employeeCode}`);
    if (p.commitmentSignedOn !== null && !isDay(p.commitmentSignedOn)) {
      fail(`bad commitmentSignedOn ${p.commitmentSignedOn} on ${p.employeeCode}`);
    }

    if (p.fullName !== p.fullName.normalize("NFC")) fail(`text not NFC on ${p.employeeCode}`);
    if (!/^[A-Z][A-Z0-9_]+$/.test(p.positionCode)) fail(`bad positionCode ${p.positionCode} on ${p.employeeCode}`);
  }
}
