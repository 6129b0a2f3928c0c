// The first commitment text, written for this platform (not copied from a
// form): what the demo seed publishes as version 1. The same words are in the
// migration that turned typed dates into paper records (20261205100000), as the
// version those records refer to. It names the law in force since 01/03/2026
// (Luật Bảo vệ bí mật nhà nước số 117/2025/QH15, which replaced 29/2018/QH14)
// without article numbers: none was verified for this text.
export const FIRST_COMMITMENT_TEXT = `BẢN CAM KẾT BẢO VỆ BÍ MẬT NHÀ NƯỚC

Tôi là người được giao tiếp nhận, chuyển giao, khai thác, vận chuyển hoặc quản lý tài liệu, vật chứa bí mật nhà nước qua mạng bưu chính KT1. Căn cứ Luật Bảo vệ bí mật nhà nước số 117/2025/QH15 và quy chế bảo vệ bí mật nhà nước của cơ quan, đơn vị, tôi cam kết:

1. Chấp hành nghiêm quy định của pháp luật, quy chế và nội quy của cơ quan, đơn vị về bảo vệ bí mật nhà nước.
2. Chỉ tiếp cận, sử dụng bí mật nhà nước trong phạm vi nhiệm vụ được giao và đúng mục đích; không tự ý sao, chụp, ghi âm, ghi hình, mang ra ngoài hoặc cung cấp cho người không có trách nhiệm.
3. Không mở, xem hoặc làm hư hỏng bao bì, dấu niêm phong của bưu gửi KT1; giao nhận, vận chuyển, bảo quản đúng quy trình và ký nhận đầy đủ vào sổ theo dõi.
4. Không trao đổi nội dung bí mật nhà nước qua điện thoại, thư điện tử, mạng xã hội hoặc bất kỳ phương tiện nào không được phép.
5. Khi phát hiện bưu gửi KT1 bị bóc mở, thất lạc hoặc có dấu hiệu lộ, mất bí mật nhà nước, báo cáo ngay người phụ trách và làm theo hướng dẫn để ngăn chặn, khắc phục.
6. Khi thôi việc, chuyển công tác, nghỉ hưu hoặc không còn được giao nhiệm vụ, bàn giao đầy đủ tài liệu, vật chứa bí mật nhà nước đang quản lý và tiếp tục giữ bí mật những thông tin đã biết.
7. Tôi hiểu rằng nếu vi phạm cam kết này, tùy tính chất, mức độ, tôi sẽ bị xử lý kỷ luật, xử phạt vi phạm hành chính hoặc truy cứu trách nhiệm hình sự theo quy định của pháp luật.

Tôi đã đọc kỹ, hiểu rõ và tự nguyện ký bản cam kết này.`;

/** The note on paper records without a scan, carried over from typed dates (as in migration 20261205100000). */
export const LEGACY_NOTE = "nhập từ dữ liệu cũ";
