import Testing

@testable import BudgetIntake

@Suite("Separator sniffing")
struct SeparatorSnifferTests {
    static func sniff(_ text: String) -> Character {
        let bytes = Array(text.utf8)
        let separator = bytes.withUnsafeBufferPointer { SeparatorSniffer.sniff($0, isWholeInput: true) }
        return Character(Unicode.Scalar(separator))
    }

    @Test(
        "the separator is found from the header and the rows",
        arguments: [
            ("comma", Fixture.header + "\n1,I.1,Mua,cái,2,45.000,90.000,\n", ","),
            (
                "semicolon, numbers with decimal commas",
                "STT;Mã nội dung;Nội dung;Số lượng;Đơn giá;Thành tiền\n1;I.1;Mua;2,5;45.000;112.500\n", ";"
            ),
            ("tab", "STT\tMã nội dung\tNội dung\tThành tiền\n1\tI.1\tMua, bán\t90000\n", "\t"),
            ("pipe", "STT|Mã nội dung|Nội dung|Thành tiền\n1|I.1|Mua|90000\n", "|"),
            (
                "title rows above the header",
                "DỰ TOÁN\nMã đơn vị;BAOKT\n\nMã nội dung;Nội dung;Thành tiền\nI.1;A, B;5\n", ";"
            ),
        ])
    func sniffing(name: String, text: String, expected: Character) {
        #expect(Self.sniff(text) == expected, "\(name)")
    }

    @Test("without a header, the most consistent separator wins: commas in numbers do not fool it")
    func consistency() {
        let text = "a;b;2,5;d\ne;f;3,75;h\ni;j;1,5;l\n"
        #expect(Self.sniff(text) == ";")
    }

    @Test("a quoted separator does not count")
    func quoted() {
        let text = "\"a;b\",c,d\n\"e;f\",g,h\n"
        #expect(Self.sniff(text) == ",")
    }

    @Test("Excel's sep= hint on the first line is obeyed", arguments: ["sep=;\r\n", "SEP=;\n"])
    func excelHint(first: String) {
        #expect(Self.sniff(first + "a,b,c\nd,e,f\n") == ";")
    }

    @Test("nothing to go on gives a comma")
    func fallback() {
        #expect(Self.sniff("hello\nworld\n") == ",")
    }
}
