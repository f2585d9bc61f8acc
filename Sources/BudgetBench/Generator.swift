/// A synthetic submission in the template's layout, in the style of the department's
/// benchmark generator: key rows, the template header, Vietnamese descriptions of 30–60
/// characters (about 20% with commas, so quoted; about 2% with doubled quotes), codes from
/// a 60-item catalogue, quantity × unit price = amount. Deterministic for a seed.
struct Generator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// splitmix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    static let verbs = [
        "Tổ chức", "Mua sắm", "Sửa chữa", "Thuê", "In ấn", "Chi hỗ trợ", "Bồi dưỡng", "Khảo sát", "Xây dựng",
        "Nâng cấp", "Bảo trì", "Biên soạn", "Tập huấn", "Tuyên truyền", "Kiểm tra", "Đào tạo", "Phổ biến", "Triển khai",
    ]
    static let objects = [
        "hội nghị tổng kết công tác năm", "trang thiết bị văn phòng", "máy tính xách tay cho cán bộ",
        "hội thảo khoa học cấp tỉnh", "tài liệu hướng dẫn nghiệp vụ", "phòng họp trực tuyến", "xe ô tô công vụ",
        "hệ thống điều hòa nhiệt độ", "lớp bồi dưỡng kỹ năng số", "đoàn công tác khảo sát thực tế",
        "phần mềm quản lý văn bản", "bàn ghế phòng làm việc", "chuyên gia tư vấn độc lập",
        "cuộc thi tìm hiểu pháp luật", "mạng nội bộ của cơ quan", "hồ sơ lưu trữ điện tử", "trụ sở làm việc",
        "kho lưu trữ hồ sơ", "đường truyền dữ liệu chuyên dùng", "máy in đa chức năng",
    ]
    static let tails = [
        "năm 2025", "giai đoạn 2026-2030", "tại xã vùng sâu", "cho đơn vị trực thuộc", "theo kế hoạch", "cấp huyện",
        "quý III", "tại trụ sở chính", "cho người dân tộc thiểu số", "đợt 2",
    ]
    static let lists = [
        "bàn, ghế, tủ", "giấy, mực in", "âm thanh, ánh sáng", "văn phòng phẩm, nước uống", "tài liệu, biểu mẫu",
        "phông, bạt, khẩu hiệu", "máy chiếu, màn chiếu",
    ]
    static let quoted = ["\"Chuyển đổi số\"", "\"Cải cách hành chính\"", "\"Dân vận khéo\""]
    static let units = [
        "cái", "bộ", "buổi", "m2", "người", "ngày", "chiếc", "gói", "lượt", "tháng", "bản", "cuốn", "kg", "lít", "km",
        "lớp", "đoàn",
    ]
    static let notesPlain = ["Theo QĐ 123/QĐ-UBND", "Dự toán bổ sung", "Chuyển nguồn", "Đã thẩm định"]
    static let notesComma = ["Đã điều chỉnh, bổ sung", "Theo TT 40/2017, sửa đổi"]

    /// 60 codes such as "I.1.b", "IV.2.a".
    mutating func catalogue() -> [String] {
        var candidates: [String] = []
        for roman in ["I", "II", "III", "IV", "V", "VI"] {
            for n in 1...9 {
                candidates.append("\(roman).\(n)")
                for letter in ["a", "b", "c", "d", "e"] { candidates.append("\(roman).\(n).\(letter)") }
            }
        }
        var picked: [String] = []
        while picked.count < 60 {
            let code = pick(candidates)
            if !picked.contains(code) { picked.append(code) }
        }
        return picked
    }

    mutating func description() -> String {
        while true {
            let kind = uniform()
            let verb = pick(Generator.verbs)
            let object = pick(Generator.objects)
            let tail = pick(Generator.tails)
            let text: String
            if kind < 0.20 {
                text = "\(verb) \(object), \(pick(Generator.lists))"
            } else if kind < 0.22 {
                text = "\(verb) chương trình \(pick(Generator.quoted)) \(tail)"
            } else {
                text = "\(verb) \(object) \(tail)"
            }
            if (30...60).contains(text.count) { return text }
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `n` with "." between groups of three digits, as Vietnamese Excel writes it.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (index, ch) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return out
    }

    /// Writes `rows` lines to `emit` in chunks; returns (rows, sum of amounts).
    ///
    /// `vietnamese`: Vietnamese-locale Excel style — `;` separators and money grouped with
    /// "." ("45.000.000"), so the reader decides the decimal mark on the first line.
    /// `unique`: no description repeats — each is one of the 4 000 followed by " – lần "
    /// and the line's number (the worst case for anything that remembers descriptions).
    mutating func generate(
        rows: Int, vietnamese: Bool = false, unique: Bool = false, emit: (String) -> Void
    ) -> (Int, Int64) {
        let sep = vietnamese ? ";" : ","
        func field(_ text: String) -> String {
            guard vietnamese else { return text }
            guard text.hasPrefix("\"") || text.contains(";") else { return text }
            return text.contains(",") && !text.contains(";") && !text.contains("\"\"")
                ? String(text.dropFirst().dropLast()) : text
        }
        let codes = catalogue()
        let texts = (0..<4000).map { _ in description() }
        let descriptions = texts.map(Generator.csvField)
        var out = """
            DỰ TOÁN KINH PHÍ
            Kế hoạch,kon-tum-2020
            Mã đơn vị,BAOKT
            Đơn vị,Báo Kon Tum

            STT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú

            """
        if vietnamese { out = out.replacingOccurrences(of: ",", with: ";") }
        var sum: Int64 = 0
        for stt in 1...max(1, rows) {
            let code = pick(codes)
            let quantity = int(1...500)
            let price = int(10...49_999) * 1000 + (uniform() < 0.2 ? int(0...999) : 0)
            let amount = quantity * price
            sum += Int64(amount)
            let r = uniform()
            let note =
                r < 0.95 ? "" : Generator.csvField(r < 0.99 ? pick(Generator.notesPlain) : pick(Generator.notesComma))
            let priceText = vietnamese ? Generator.grouped(price) : String(price)
            let amountText = vietnamese ? Generator.grouped(amount) : String(amount)
            let index = Int(next() % UInt64(descriptions.count))
            let description = field(unique ? Generator.csvField("\(texts[index]) – lần \(stt)") : descriptions[index])
            out += "\(stt)\(sep)\(code)\(sep)\(description)\(sep)\(pick(Generator.units))\(sep)\(quantity)"
            out += "\(sep)\(priceText)\(sep)\(amountText)\(sep)\(field(note))\n"
            if out.utf8.count > 1 << 20 {
                emit(out)
                out = ""
            }
        }
        emit(out)
        return (rows, sum)
    }
}
