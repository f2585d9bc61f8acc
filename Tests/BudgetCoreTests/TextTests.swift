import Testing

@testable import BudgetCore

@Suite("Text folding and templates")
struct TextTests {
    @Test(
        "column names fold case, tone marks, đ and spacing",
        arguments: [
            ("Thành tiền", "thanh tien"),
            ("THÀNH  TIỀN", "thanh tien"),
            ("Tha\u{0300}nh tie\u{0302}\u{0300}n", "thanh tien"),  // NFD
            ("  Đơn\u{00A0}giá ", "don gia"),
            ("Mã nội dung", "ma noi dung"),
        ])
    func folding(input: String, key: String) {
        #expect(Folding.key(input) == key)
    }

    @Test("NFD text composes to NFC")
    func nfc() {
        #expect(Folding.nfc("Ba\u{0301}o Kon Tum") == "Báo Kon Tum")
        #expect(Folding.nfc("ASCII") == "ASCII")
    }

    @Test("case-and-space folding keeps tone marks, so Công is not Cộng")
    func caseAndSpace() {
        #expect(Folding.caseAndSpace("CỘNG") == "cộng")
        #expect(Folding.caseAndSpace("Công  tác phí") != Folding.caseAndSpace("Cộng tác phí"))
    }

    @Test("templates fill named placeholders and leave unknown ones")
    func templates() {
        let t = Localized(vi: "Mã «{value}» ở dòng {line}", en: "Code \"{value}\" on line {line}")
        #expect(t.render(.vi, ["value": "X", "line": "3"]) == "Mã «X» ở dòng 3")
        #expect(t.render(.en, ["value": "X"]) == "Code \"X\" on line {line}")
        #expect(t.placeholders(.en) == ["value", "line"])
    }

    @Test("suggestions find near typos and nothing for far strings")
    func suggest() {
        #expect(Suggest.nearest("IV.2.b", in: ["IV.2.a", "IV.5.a", "I.1"]) == "IV.2.a")
        #expect(Suggest.nearest("iv.2.A", in: ["IV.2.a"]) == nil)  // same code: no suggestion
        #expect(Suggest.nearest("XYZ", in: ["IV.2.a"]) == nil)
    }

    @Test("LANG picks Vietnamese for vi… and English otherwise")
    func language() {
        #expect(Language.fromEnvironment("vi_VN.UTF-8") == .vi)
        #expect(Language.fromEnvironment("en_US.UTF-8") == .en)
        #expect(Language.fromEnvironment(nil) == .en)
    }
}

@Suite("Paths as text")
struct PathTextTests {
    @Test(
        "the folder part of a path, as dirname gives it, even of a one-character path",
        arguments: [
            ("q", "."), ("a/b", "a"), ("/b", "/"), ("a/b/", "a"), ("a//b", "a"), ("/", "/"), ("./q", "."),
            ("../round", ".."), ("dự-toán/tệp.csv", "dự-toán"), ("", "."),
        ])
    func parent(path: String, parent: String) {
        #expect(PathText.parent(path) == parent)
    }
}
