// Strings of the obligation escalation (decision 046): the emails
// (app/domain/reminders/escalation-messages.ts), in the recipient's language, and
// the in-app notifications. Status names are "obligations.status.*".
export const escalation = {
  vi: {
    "mail.escalation.subject.DUE_SOON": "Bạn cần có chứng nhận “{type}” trước ngày {date}",
    "mail.escalation.subject.DUE_TODAY": "Hôm nay ({date}) là hạn chót để có chứng nhận “{type}”",
    "mail.escalation.subject.OVERDUE": "{person} ({unit}) chưa có chứng nhận “{type}” bắt buộc, hạn ngày {date}",
    "mail.escalation.subject.OVERDUE.again": "Nhắc lại: {person} ({unit}) chưa có chứng nhận “{type}” bắt buộc, hạn ngày {date}",
    "mail.escalation.subject.DIGEST": "Tổng hợp tuần từ {from} đến {to}: chứng nhận bắt buộc trong đơn vị anh/chị quản lý",
    "mail.escalation.DUE_SOON.body": "Theo vị trí công tác của bạn, bạn cần có chứng nhận “{type}” trước ngày {date} (còn {days} ngày).",
    "mail.escalation.DUE_TODAY.body":
      "Hôm nay, ngày {date}, là hạn chót để bạn có chứng nhận “{type}” theo vị trí công tác. Từ ngày mai, nghĩa vụ này bị tính là quá hạn và được báo cho lãnh đạo đơn vị.",
    "mail.escalation.person.next": "Các khóa học và bài sát hạch bạn cần hoàn thành có trong mục “Bắt buộc với bạn”:",
    "mail.escalation.person.nextMenu":
      "Mở mục “Bắt buộc với bạn” trên trang Học tập của Học viện KT1 để xem các khóa học và bài sát hạch cần hoàn thành.",
    "mail.escalation.OVERDUE.OVERDUE":
      "{person}, {unit}, chưa có chứng nhận “{type}” mà vị trí công tác bắt buộc phải có; hạn hoàn thành là ngày {date}.",
    "mail.escalation.OVERDUE.EXPIRED":
      "Chứng nhận “{type}” của {person}, {unit}, đã hết hạn ngày {date}, mà vị trí công tác bắt buộc phải có chứng nhận này.",
    "mail.escalation.OVERDUE.REVOKED":
      "Chứng nhận “{type}” của {person}, {unit}, đã bị thu hồi ngày {date}, mà vị trí công tác bắt buộc phải có chứng nhận này.",
    "mail.escalation.OVERDUE.ask": "Đề nghị anh/chị đôn đốc nhân sự này hoàn thành khóa học và dự sát hạch để được cấp chứng nhận.",
    "mail.escalation.OVERDUE.weekly": "Thư này được gửi lại mỗi tuần cho đến khi nhân sự có chứng nhận hợp lệ.",
    "mail.escalation.profileLink": "Hồ sơ nhân sự:",
    "mail.escalation.DIGEST.intro":
      "Tình hình chứng nhận bắt buộc của nhân sự thuộc đơn vị anh/chị quản lý, tính đến ngày {date} ({total} nghĩa vụ):",
    "mail.escalation.DIGEST.count": "{status}: {count}",
    "mail.escalation.DIGEST.listTitle": "Nhân sự cần quan tâm (quá hạn, hoặc đến hạn trong {days} ngày tới):",
    "mail.escalation.DIGEST.line": "{person} ({unit}) — “{type}”: {status}, hạn ngày {date}",
    "mail.escalation.DIGEST.none": "Không có ai quá hạn hoặc đến hạn trong {days} ngày tới.",
    "mail.escalation.DIGEST.more": "… và {count} nghĩa vụ khác.",
    "mail.escalation.DIGEST.dashboardLink": "Xem chi tiết trên trang Tổng quan:",

    "notif.obligation.DUE_SOON.title": "Bạn cần có chứng nhận “{type}” trước ngày {date}",
    "notif.obligation.DUE_TODAY.title": "Hôm nay ({date}) là hạn chót để có chứng nhận “{type}”",
    "notif.obligation.person.action": "Xem việc cần làm",
    "notif.obligation.OVERDUE.title": "{person} ({unit}) chưa có chứng nhận “{type}” bắt buộc, hạn ngày {date}",
    "notif.obligation.OVERDUE.again": "Nhắc lại hằng tuần cho đến khi nhân sự có chứng nhận hợp lệ.",
    "notif.obligation.OVERDUE.action": "Xem hồ sơ {person}",
    "notif.obligation.DIGEST.title": "Tổng hợp tuần từ {from}: {lacking} quá hạn, {soon} sắp đến hạn",
    "notif.obligation.DIGEST.counts":
      "Đạt {COMPLIANT} · Sắp hết hạn {EXPIRING} · Cần hoàn thành {DUE} · Quá hạn {OVERDUE} · Đã hết hạn {EXPIRED} · Đã bị thu hồi {REVOKED}",
    "notif.obligation.DIGEST.action": "Mở trang Tổng quan",
  },
  en: {
    "mail.escalation.subject.DUE_SOON": "You need the certification “{type}” before {date}",
    "mail.escalation.subject.DUE_TODAY": "Today ({date}) is the deadline for the certification “{type}”",
    "mail.escalation.subject.OVERDUE": "{person} ({unit}) lacks the required certification “{type}”, due {date}",
    "mail.escalation.subject.OVERDUE.again": "Reminder: {person} ({unit}) lacks the required certification “{type}”, due {date}",
    "mail.escalation.subject.DIGEST": "Week of {from} to {to}: required certifications in the units you manage",
    "mail.escalation.DUE_SOON.body": "Your position requires the certification “{type}” before {date} ({days} days left).",
    "mail.escalation.DUE_TODAY.body":
      "Today, {date}, is the deadline for the certification “{type}” your position requires. From tomorrow it counts as overdue and your managers are told.",
    "mail.escalation.person.next": "The courses and exam you need are listed under “Required of you”:",
    "mail.escalation.person.nextMenu": "Open “Required of you” on the Learning page of KT1 Academy to see the courses and exam you need.",
    "mail.escalation.OVERDUE.OVERDUE":
      "{person}, {unit}, does not hold the certification “{type}” their position requires; it was due on {date}.",
    "mail.escalation.OVERDUE.EXPIRED": "The certification “{type}” of {person}, {unit}, expired on {date}; their position requires it.",
    "mail.escalation.OVERDUE.REVOKED": "The certification “{type}” of {person}, {unit}, was revoked on {date}; their position requires it.",
    "mail.escalation.OVERDUE.ask": "Please ask this person to complete the course and take the exam to be certified.",
    "mail.escalation.OVERDUE.weekly": "This message is sent again every week until the person holds a valid certification.",
    "mail.escalation.profileLink": "Staff record:",
    "mail.escalation.DIGEST.intro": "Required certifications of the people in the units you manage, as of {date} ({total} obligations):",
    "mail.escalation.DIGEST.count": "{status}: {count}",
    "mail.escalation.DIGEST.listTitle": "People who need attention (overdue, or due within {days} days):",
    "mail.escalation.DIGEST.line": "{person} ({unit}) — “{type}”: {status}, due {date}",
    "mail.escalation.DIGEST.none": "Nobody is overdue or due within {days} days.",
    "mail.escalation.DIGEST.more": "… and {count} more obligations.",
    "mail.escalation.DIGEST.dashboardLink": "Details on the dashboard:",

    "notif.obligation.DUE_SOON.title": "You need the certification “{type}” before {date}",
    "notif.obligation.DUE_TODAY.title": "Today ({date}) is the deadline for the certification “{type}”",
    "notif.obligation.person.action": "See what to do",
    "notif.obligation.OVERDUE.title": "{person} ({unit}) lacks the required certification “{type}”, due {date}",
    "notif.obligation.OVERDUE.again": "Repeated weekly until the person holds a valid certification.",
    "notif.obligation.OVERDUE.action": "Open {person}'s record",
    "notif.obligation.DIGEST.title": "Week of {from}: {lacking} overdue, {soon} due soon",
    "notif.obligation.DIGEST.counts":
      "Compliant {COMPLIANT} · Expiring {EXPIRING} · Due {DUE} · Overdue {OVERDUE} · Expired {EXPIRED} · Revoked {REVOKED}",
    "notif.obligation.DIGEST.action": "Open the dashboard",
  },
} as const;
