// Strings of the expiry reminder email (app/domain/reminders/messages.ts). The
// mail goes out in Vietnamese; the English is kept for completeness.
export const reminderMail = {
  vi: {
    "mail.reminder.subject.HOLDER": "Chứng nhận “{type}” của bạn sẽ hết hạn ngày {date}",
    "mail.reminder.subject.MANAGER": "Chứng nhận “{type}” của {holder} ({unit}) sẽ hết hạn ngày {date}",
    "mail.reminder.greeting": "Kính gửi {name},",
    "mail.reminder.requestedBy": "{name} gửi lời nhắc gia hạn chứng nhận này tới bạn.",
    "mail.reminder.remaining.today": "hết hiệu lực vào cuối ngày hôm nay",
    "mail.reminder.remaining.days": "còn {days} ngày nữa",
    "mail.reminder.HOLDER.validity": "Chứng nhận “{type}” (số hiệu {serial}) của bạn có hiệu lực đến hết ngày {date} — {remaining}.",
    "mail.reminder.HOLDER.renew":
      "Để tiếp tục được phân công các ca trực cần chứng nhận này, bạn hãy đăng ký sát hạch gia hạn trước ngày hết hạn.",
    "mail.reminder.HOLDER.examsLink": "Vào trang sát hạch:",
    "mail.reminder.HOLDER.examsMenu": "Vào mục “Sát hạch” trên Học viện KT1 để đăng ký.",
    "mail.reminder.MANAGER.validity":
      "Chứng nhận “{type}” (số hiệu {serial}) của {holder}, {unit}, có hiệu lực đến hết ngày {date} — {remaining}.",
    "mail.reminder.MANAGER.remind":
      "Đề nghị anh/chị nhắc nhân sự này dự sát hạch gia hạn trước ngày hết hạn; sau ngày đó, nhân sự không được phân công các ca trực cần chứng nhận này.",
    "mail.reminder.MANAGER.examsLink": "Trang sát hạch:",
    "mail.reminder.MANAGER.profileLink": "Hồ sơ nhân sự:",
    "mail.reminder.footer": "Thư này được gửi tự động từ Học viện KT1, vui lòng không trả lời.",
  },
  en: {
    "mail.reminder.subject.HOLDER": "Your certification “{type}” expires on {date}",
    "mail.reminder.subject.MANAGER": "The certification “{type}” of {holder} ({unit}) expires on {date}",
    "mail.reminder.greeting": "Dear {name},",
    "mail.reminder.requestedBy": "{name} sent you this reminder to renew your certification.",
    "mail.reminder.remaining.today": "it ends at the end of today",
    "mail.reminder.remaining.days": "{days} days from now",
    "mail.reminder.HOLDER.validity": "Your certification “{type}” (serial {serial}) is valid until the end of {date} — {remaining}.",
    "mail.reminder.HOLDER.renew":
      "To keep being assigned to shifts that need this certification, sign up for a renewal exam before it expires.",
    "mail.reminder.HOLDER.examsLink": "Go to the exams page:",
    "mail.reminder.HOLDER.examsMenu": "Open “Exams” in KT1 Academy to sign up.",
    "mail.reminder.MANAGER.validity":
      "The certification “{type}” (serial {serial}) of {holder}, {unit}, is valid until the end of {date} — {remaining}.",
    "mail.reminder.MANAGER.remind":
      "Please remind this person to take a renewal exam before it expires; after that date they cannot be assigned to shifts that need this certification.",
    "mail.reminder.MANAGER.examsLink": "Exams page:",
    "mail.reminder.MANAGER.profileLink": "Staff record:",
    "mail.reminder.footer": "This message was sent automatically by KT1 Academy; please do not reply.",
  },
} as const;
