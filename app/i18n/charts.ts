// The summary sentences of the server-drawn charts (decision 063): what a
// reader should take from each chart, said in words before the picture.
export const charts = {
  vi: {
    "charts.coverage.summary": "Cao nhất: {best} ({bestPercent}). Thấp nhất: {worst} ({worstPercent}).",
    "charts.coverage.summaryOne": "{name}: {percent}.",
    "charts.coverage.none": "Chưa đơn vị nào có người phải có chứng nhận bắt buộc.",
    "charts.coverage.notApplicable": "{count} đơn vị không áp dụng.",
    "charts.expiries.summary": "Tổng cộng {total} chứng nhận hết hạn trong 12 tháng tới; nhiều nhất vào tháng {month} ({count}).",
    "charts.expiries.none": "Không có chứng nhận nào hết hạn trong 12 tháng tới.",
    "charts.headcount.summary": "Từ {first} người (tháng {firstMonth}) đến {last} người (tháng {lastMonth}).",
    "charts.distribution.summary": "{total} bài đã nộp; nhiều nhất ở khoảng {band} ({count} bài).",
    "charts.distribution.none": "Chưa có bài nào được nộp.",
    "charts.items.summary": "{total} câu hỏi; {flagged} câu có độ phân biệt dưới {threshold} (dấu ×, dưới đường nét đứt) cần xem lại.",
    "charts.items.legendPlain": "Câu hỏi đạt",
  },
  en: {
    "charts.coverage.summary": "Highest: {best} ({bestPercent}). Lowest: {worst} ({worstPercent}).",
    "charts.coverage.summaryOne": "{name}: {percent}.",
    "charts.coverage.none": "No unit has anyone who must hold a required certification yet.",
    "charts.coverage.notApplicable": "{count} units not applicable.",
    "charts.expiries.summary": "{total} certifications expire in the next 12 months; most in {month} ({count}).",
    "charts.expiries.none": "No certification expires in the next 12 months.",
    "charts.headcount.summary": "From {first} people ({firstMonth}) to {last} people ({lastMonth}).",
    "charts.distribution.summary": "{total} submitted attempts; most in the {band} band ({count}).",
    "charts.distribution.none": "No attempt has been submitted yet.",
    "charts.items.summary":
      "{total} questions; {flagged} with discrimination below {threshold} (marked ×, under the dashed line) need a review.",
    "charts.items.legendPlain": "Sound question",
  },
} satisfies { vi: Record<string, string>; en: Record<string, string> };
