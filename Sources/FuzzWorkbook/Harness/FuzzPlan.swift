/// A small plan in the shape of Kon Tum 2020's (the same agencies and item codes the
/// fixtures use), compiled in so that no input costs a file read.
public enum FuzzPlan {
    public static let json = #"""
        {
          "format": "budget-plan/1",
          "id": "kon-tum-2020",
          "title": "Kế hoạch tuyên truyền đại hội",
          "reference": "Kế hoạch số 116-KH/TU",
          "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
          "place": "Kon Tum",
          "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
          "recipient": {"code": "STC", "name": "Sở Tài chính"},
          "currency": "VND",
          "timeZone": "Asia/Ho_Chi_Minh",
          "deadline": "2020-03-10",
          "agencies": [
            {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
            {"code": "BAOKT", "name": "Báo Kon Tum"},
            {"code": "SVHTTDL", "name": "Sở Văn hóa, Thể thao và Du lịch"}
          ],
          "items": [
            {"code": "IV.1.a", "title": "Họp báo", "agencies": ["STTTT"]},
            {"code": "IV.1.b", "title": "Theo dõi thông tin", "agencies": ["STTTT"]},
            {"code": "IV.1.c", "title": "Tờ gấp", "agencies": ["STTTT"], "cap": 50000000},
            {"code": "IV.2.a", "title": "Áp phích", "agencies": ["SVHTTDL"]},
            {"code": "IV.5.d", "title": "Thông tin phản ánh", "agencies": ["BAOKT"]}
          ]
        }
        """#
}
