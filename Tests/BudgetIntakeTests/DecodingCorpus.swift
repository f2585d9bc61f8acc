import Foundation

/// Realistic Vietnamese text for the decoding tests: excerpts of the seed plans (Kon Tum
/// 2020 and Phú Yên 2021, NFC as published) and an estimate filled in on the template.
enum DecodingCorpus {
    /// Seed 000 (Kon Tum), the opening of the plan.
    static let konTum = #"""
        Thực hiện Kế hoạch số 116-KH/TU, ngày 26-11-2019 của Ban Thường vụ Tỉnh ủy Kon Tum về tuyên truyền đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng (viết tắt là Kế hoạch số 116-KH/TU); Ủy ban nhân dân tỉnh Kon Tum ban hành Kế hoạch triển khai thực hiện như sau: I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích: - Khẳng định vai trò, uy tín, năng lực và sức chiến đấu của Đảng Cộng sản Việt Nam trong suốt chặng đường cách mạng 90 năm qua; khẳng định Đảng Cộng sản Việt Nam luôn trung thành vô hạn với lợi ích của quốc gia, dân tộc và giai cấp, kiên định mục tiêu, lý tưởng độc lập dân tộc gắn liền với chủ nghĩa xã hội trên cơ sở chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh; - Thông qua các hoạt động tuyên truyền nhằm thông tin sâu rộng đến cán bộ, đảng viên và nhân dân trong tỉnh nhận thức sâu sắc về ý nghĩa, tầm quan trọng của đại hội và những quan điểm, chủ trương, định hướng lớn nêu tại các văn kiện đại hội đảng bộ các cấp và Đại hội đại biểu toàn quốc lần thứ XIII của Đảng. Qua đó, tạo sự thống nhất về chính trị, tư tưởng và hành động trong Đảng, sự đồng thuận xã hội, tạo không khí thi đua phấn khởi, cổ vũ toàn Đảng, toàn dân, toàn quân để tổ chức thành công đại hội và đưa nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020- 2025, Nghị quyết Đại hội XIII của Đảng vào cuộc sống. 2. Yêu cầu: - Công tác tuyên truyền phải được tổ chức đồng bộ, kịp thời, liên tục,
        """#

    /// Seed 004 (Phú Yên), from section I.
    static let phuYen = #"""
        - Tuyên truyền sâu rộng về kết quả thành công và những nội dung mới trong văn kiện Nghị quyết Đại hội lần thứ XIII của Đảng và nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020-2025, làm cho cán bộ, đảng viên và Nhân dân nhận thức sâu sắc về những chủ trương, định hướng của Đảng, thống nhất nhận thức và hành động, tạo niềm tin, khí thế, động lực mới để đưa Nghị quyết của Đảng vào cuộc sống. - Thông qua tuyên truyền góp phần cổ vũ, động viên toàn Đảng bộ, toàn dân và toàn quân trong tỉnh chung sức, đồng lòng tiếp tục đẩy mạnh công cuộc xây dựng, chỉnh đốn Đảng, xây dựng Nhà nước pháp quyền xã hội chủ nghĩa và hệ thống chính trị trong sạch, vững mạnh; đổi mới phương thức lãnh đạo, cầm quyền của Đảng, xây dựng hệ thống chính trị tinh gọn, hiệu lực, hiệu quả; nỗ lực phấn đấu thực hiện thắng lợi những nhiệm vụ trọng tâm của cả nhiệm kỳ được nêu trong nghị quyết đại hội đảng bộ các cấp và Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII. - Tiếp tục bảo vệ nền tảng tư tưởng của Đảng; đấu tranh,
        """#

    /// A cost estimate as an accountant fills in the template (CRLF line ends, as Excel).
    static let estimate = #"""
        DỰ TOÁN KINH PHÍ
        Kế hoạch,kon-tum-2020
        Mã đơn vị,SVHTTDL
        Đơn vị,"Sở Văn hóa, Thể thao và Du lịch"
        Đơn vị tính: đồng

        STT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú
        1,IV.2.a,"Cổ động trực quan: pa nô, băng rôn, cờ, áp phích",bộ,20,15.000.000,300.000.000,
        2,IV.2.b,Chiếu phim lưu động phục vụ đồng bào vùng sâu,buổi,40,2.500.000,100.000.000,Huyện Đắk Glei
        3,IV.3.a,Xe loa tuyên truyền lưu động,ngày,30,1.200.000,36.000.000,
        4,IV.4,"Trang trí hội trường: ma-két, khẩu hiệu, cờ Đảng",gói,1,85.000.000,85.000.000,Thuê khoán
        5,IV.7,Tờ rơi và sổ tay hỏi – đáp về Đại hội,tờ,"10.000",1.500,15.000.000,"In 2 mặt, khổ A4"
        ,,Tổng cộng,,,,536.000.000,
        ,,Bằng chữ: Năm trăm ba mươi sáu triệu đồng chẵn,,,,,
        """#.replacingOccurrences(of: "\n", with: "\r\n")

    /// Every sample, by name.
    static let all: [(name: String, text: String)] = [
        ("Kon Tum plan", konTum), ("Phú Yên plan", phuYen), ("estimate CSV", estimate),
    ]
}
