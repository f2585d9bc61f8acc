import Testing

@testable import BudgetFormats

@Suite("XML text")
struct XMLTextTests {
    @Test(
        "markup characters are escaped; forbidden characters become U+FFFD",
        arguments: [
            ("a & b < c > d", "a &amp; b &lt; c &gt; d"), ("say \"x\"", "say \"x\""),
            ("tab\there\nLF", "tab\there\nLF"),
            ("cr\r", "cr&#13;"), ("bell\u{7}nul\u{0}", "bell\u{FFFD}nul\u{FFFD}"),
            ("\u{FFFE}\u{FFFF}", "\u{FFFD}\u{FFFD}"),
            ("Sở Tài chính – 150.000.000 đ", "Sở Tài chính – 150.000.000 đ"), ("\u{EFBF}", "\u{EFBF}"),
        ] as [(String, String)])
    func content(text: String, escaped: String) {
        #expect(XMLText.escaped(text) == escaped)
    }

    @Test("in attributes, quotes and whitespace controls become references")
    func attribute() {
        #expect(XMLText.escaped("a\"b'c\t\n\r<&", forAttribute: true) == "a&quot;b'c&#9;&#10;&#13;&lt;&amp;")
    }

    @Test(
        "cell text uses Excel's _xHHHH_ escapes, protecting a literal one",
        arguments: [
            ("plain", "plain"), ("bell\u{7}", "bell_x0007_"), ("cr\r\n", "cr_x000D_\n"), ("_x0041_", "_x005F_x0041_"),
            ("a_x00e9_b", "a_x005F_x00e9_b"), ("_x004_", "_x004_"), ("_xZZZZ_", "_xZZZZ_"),
            ("__x0041_", "__x005F_x0041_"),
            ("x\u{FFFF}", "x_xFFFF_"), ("<=1+1>", "&lt;=1+1&gt;"),
        ] as [(String, String)])
    func cellText(text: String, escaped: String) {
        #expect(XMLText.escapedCellText(text) == escaped)
    }
}
