import BudgetCore

/// Recognises the signature block accountants put under an estimate: the signers' titles
/// ("NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ", "KT. GIÁM ĐỐC"), the
/// instruction under them ("(Ký, ghi rõ họ tên)"), the place and date line ("Kon Tum,
/// ngày 05 tháng 3 năm 2020"), the dotted lines to sign on, and the signers' names.
///
/// Excel users put these in whatever column sits under the title — often the code, price
/// or amount column — where they read as an unknown code or an unreadable number and return
/// the file. A row is a signature row when every non-empty cell is such text; a name alone
/// counts only right after a title or date row (a lone "Nguyễn Văn A" above is not
/// skipped). The row is then no line at all: skipped and reported once per block, as
/// `signature-block` (info), and reading goes on below it.
enum SignatureBlock {
    /// What a row is, as far as the block is concerned.
    enum Kind: Equatable {
        /// Titles, instructions, dates, dotted lines: starts or continues a block.
        case signature
        /// Only names (or dots): continues a block, starts none.
        case names
        /// Anything else.
        case other
    }

    /// The titles and instructions, folded as column names are (case, tone marks, đ/d,
    /// spacing). A cell is a title when it equals one or begins with one and a space,
    /// colon or parenthesis.
    static let titles: [String] = [
        "nguoi lap bieu", "nguoi lap", "ke toan truong", "thu truong don vi", "thu truong co quan",
        "thu truong", "giam doc", "pho giam doc", "truong phong", "pho truong phong", "chanh van phong",
        "truong ban", "pho truong ban", "chu tich", "pho chu tich", "bi thu", "pho bi thu", "thu quy", "thu kho",
        "nguoi nhan", "nguoi giao", "nguoi duyet", "kt.", "tm.", "tl.", "tuq.",
        "(ky", "ky ten", "ky, ghi ro ho ten", "ky va ghi ro ho ten", "dong dau", "(da ky)", "da ky",
    ]

    /// What `cells` (the row's non-empty cells, as written) make of the row.
    static func kind(_ cells: [String]) -> Kind {
        guard !cells.isEmpty else { return .other }
        var sawSignature = false
        for cell in cells {
            if isFiller(cell) { continue }
            let key = NameFolding.key(cell)
            if isTitle(key) || isDateLine(key) {
                sawSignature = true
            } else if !isName(cell) {
                return .other
            }
        }
        return sawSignature ? .signature : .names
    }

    /// Dots, ellipses, underscores or dashes only: a line to sign on.
    static func isFiller(_ cell: String) -> Bool {
        cell.unicodeScalars.allSatisfy { ".…_-–—/ ".unicodeScalars.contains($0) }
    }

    static func isTitle(_ key: String) -> Bool {
        for title in titles where key == title || key.hasPrefix(title) {
            if key.count == title.count { return true }
            let next = key[key.index(key.startIndex, offsetBy: title.count)]
            if next == " " || next == ":" || next == "(" || next == "," || title.hasSuffix(".") { return true }
        }
        return false
    }

    /// "Kon Tum, ngày 05 tháng 3 năm 2020", "ngày … tháng … năm 20…", or a date written
    /// with slashes ("05/03/2020"): what the place and date line holds.
    static func isDateLine(_ key: String) -> Bool {
        if let day = key.range(of: "ngay"), let month = key.range(of: "thang", range: day.upperBound..<key.endIndex),
            key.range(of: "nam", range: month.upperBound..<key.endIndex) != nil
        {
            return true
        }
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }
            && (parts.last?.count == 4 || parts.first?.count == 4)
    }

    /// A person's name: two to six words of letters, each beginning with a capital.
    static func isName(_ cell: String) -> Bool {
        let words = cell.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard (2...6).contains(words.count) else { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase else { return false }
            return word.allSatisfy { $0.isLetter }
        }
    }
}
