/// The Kon Tum 2020 plan the fuzz target judges every input against: a copy of
/// `Templates/plans/kon-tum-2020.json`, compiled in so that no input costs a file read
/// (a regression test checks the two are identical).
public enum KonTumPlan {
    public static let json = #"""
        {
          "format": "budget-plan/1",
          "id": "kon-tum-2020",
          "title": "Kế hoạch triển khai thực hiện Kế hoạch số 116-KH/TU, ngày 26-11-2019 của Ban Thường vụ Tỉnh ủy về tuyên truyền đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
          "reference": "Kế hoạch số 116-KH/TU, ngày 26-11-2019 của Ban Thường vụ Tỉnh ủy Kon Tum; mục V. Kinh phí thực hiện: dự toán gửi Sở Thông tin và Truyền thông tổng hợp, hoàn thành trước ngày 10 tháng 3 năm 2020",
          "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
          "place": "Kon Tum",
          "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
          "recipient": {"code": "STC", "name": "Sở Tài chính"},
          "currency": "VND",
          "timeZone": "Asia/Ho_Chi_Minh",
          "deadline": "2020-03-10",
          "agencies": [
            {"code": "SVHTTDL", "name": "Sở Văn hóa, Thể thao và Du lịch"},
            {"code": "BAOKT", "name": "Báo Kon Tum"},
            {"code": "DPTTH", "name": "Đài Phát thanh - Truyền hình tỉnh"},
            {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
            {"code": "CAT", "name": "Công an tỉnh"},
            {"code": "TINHDOAN", "name": "Tỉnh đoàn Kon Tum"},
            {"code": "UBMTTQ", "name": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"}
          ],
          "items": [
            {"code": "IV.1.a", "title": "Họp báo trước, trong và sau khi tổ chức Đại hội XVI Đảng bộ tỉnh",
             "agencies": ["STTTT"]},
            {"code": "IV.1.b", "title": "Theo dõi, đánh giá thông tin phản ánh về đại hội đảng bộ các cấp và Đại hội XVI của Đảng bộ tỉnh trên báo chí và trên các mạng xã hội",
             "agencies": ["STTTT"]},
            {"code": "IV.1.c", "title": "Xây dựng các tài liệu tuyên truyền (áp phích, tờ rơi, tờ gấp, sổ tay) thông tin về Đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
             "agencies": ["STTTT"], "cap": 150000000},
            {"code": "IV.2.a", "title": "Tuyên truyền, cổ động trực quan: pa nô, băng rôn, cờ hồng kỳ, áp phích",
             "agencies": ["SVHTTDL"], "cap": 800000000},
            {"code": "IV.2.b", "title": "Tuyên truyền, cổ động trực quan trên hệ thống bảng điện tử",
             "agencies": ["SVHTTDL"]},
            {"code": "IV.2.c", "title": "Chiếu phim lưu động",
             "agencies": ["SVHTTDL"]},
            {"code": "IV.2.d", "title": "Xe loa lưu động",
             "agencies": ["SVHTTDL"]},
            {"code": "IV.2.e", "title": "Tổ chức các hoạt động văn hóa văn nghệ chào mừng đại hội đảng các cấp và Đại hội XIII của Đảng",
             "agencies": ["SVHTTDL"]},
            {"code": "IV.2.f", "title": "Tổ chức các hoạt động thể thao chào mừng đại hội đảng các cấp và Đại hội XIII của Đảng",
             "agencies": ["SVHTTDL"]},
            {"code": "IV.2.g", "title": "Triển lãm tuyên truyền chào mừng đại hội đảng các cấp và Đại hội XIII của Đảng",
             "agencies": ["SVHTTDL"]},
            {"code": "IV.2.h", "title": "Gắn biển công trình chào mừng đại hội đảng các cấp và Đại hội XIII của Đảng",
             "agencies": ["SVHTTDL"]},
            {"code": "IV.2.i", "title": "Xây dựng ma két, khẩu hiệu trang trí trong và ngoài hội trường tổ chức Đại hội Đảng bộ tỉnh",
             "agencies": ["SVHTTDL"], "cap": 300000000},
            {"code": "IV.3.a", "title": "Theo dõi, đánh giá thông tin phản ánh về đại hội đảng bộ các cấp và Đại hội XVI của Đảng bộ tỉnh trên báo chí và trên các mạng xã hội, kịp thời tham mưu xử lý những vấn đề cần thiết",
             "agencies": ["CAT"]},
            {"code": "IV.5.a", "title": "Phim tư liệu, phóng sự chuyên đề về Đảng, Chủ tịch Hồ Chí Minh và các kỳ đại hội của Đảng, các kỳ Đại hội Đảng bộ tỉnh Kon Tum",
             "agencies": ["BAOKT", "DPTTH"], "cap": 300000000},
            {"code": "IV.5.b", "title": "Ấn phẩm tuyên truyền về Đảng, Chủ tịch Hồ Chí Minh và các kỳ đại hội của Đảng, các kỳ Đại hội Đảng bộ tỉnh Kon Tum",
             "agencies": ["BAOKT", "DPTTH"]},
            {"code": "IV.5.c", "title": "Phát thanh, truyền hình trực tiếp lễ khai mạc, bế mạc Đại hội XVI Đảng bộ tỉnh, Đại hội XIII của Đảng",
             "agencies": ["DPTTH"], "cap": 250000000},
            {"code": "IV.5.d", "title": "Thông tin phản ánh các hoạt động diễn ra trong thời gian trước, trong và sau Đại hội XVI Đảng bộ tỉnh và Đại hội XIII của Đảng",
             "agencies": ["BAOKT", "DPTTH"]},
            {"code": "IV.5.e", "title": "Chương trình nghệ thuật chào mừng thành công Đại hội XVI Đảng bộ tỉnh",
             "agencies": ["DPTTH"]},
            {"code": "IV.6.a", "title": "Tổ chức phát động và vận động cán bộ, nhân dân tích cực tham gia hưởng ứng các phong trào thi đua yêu nước lập thành tích chào mừng đại hội đảng bộ các cấp, Đại hội XVI Đảng bộ tỉnh và Đại hội XIII của Đảng",
             "agencies": ["TINHDOAN", "UBMTTQ"]},
            {"code": "IV.6.b", "title": "Tuyên truyền tại cơ quan, đơn vị bằng nhiều hình thức phong phú: pa nô, áp phích, cờ hồng kỳ, băng rôn",
             "agencies": ["TINHDOAN", "UBMTTQ"]}
          ]
        }
        """#
}
