import Testing

@testable import BudgetFormats

@Suite("Template renderer")
struct TemplateTests {
    static func render(_ source: String, _ context: [String: TemplateValue]) throws -> String {
        try Template(source, name: "t.html").render(context)
    }

    @Test(
        "tags render as documented",
        arguments: [
            ("Kính gửi: {{noi_nhan}}", ["noi_nhan": "Sở Tài chính"], "Kính gửi: Sở Tài chính"),
            ("{{x}}", ["x": "<script>alert(1)</script>"], "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("{{{x}}}", ["x": .raw("<table></table>")], "<table></table>"),
            ("{{& x }}", ["x": .raw("<b>")], "<b>"),
            ("{{x}}", ["x": .raw("<b>")], "&lt;b&gt;"),
            ("{{{x}}}", ["x": "<b>"], "&lt;b&gt;"),
            ("{{#late}}trễ{{/late}}", ["late": true], "trễ"),
            ("{{#late}}trễ{{/late}}", ["late": false], ""),
            ("{{^late}}đúng hạn{{/late}}", ["late": false], "đúng hạn"),
            ("{{^missing}}không có{{/missing}}", [:], "không có"),
            ("{{^rows}}trống{{/rows}}", ["rows": .list([])], "trống"),
            ("{{^note}}-{{/note}}{{#note}}({{note}}){{/note}}", ["note": ""], "-"),
            ("{{#note}}({{note}}){{/note}}", ["note": "x"], "(x)"),
            (
                "{{#rows}}<{{name}}:{{n}}>{{/rows}}",
                ["rows": .list([["name": "a", "n": "1"], ["name": "b", "n": "2"]])], "<a:1><b:2>"
            ),
            (
                "{{#rows}}{{plan}}/{{name}} {{/rows}}",
                ["plan": "P", "rows": .list([["name": "a"], ["name": "b", "plan": "Q"]])], "P/a Q/b "
            ),
            (
                "{{don_vi.ten}} ({{don_vi.ma}})", ["don_vi": .object(["ten": "Báo Kon Tum", "ma": "BAOKT"])],
                "Báo Kon Tum (BAOKT)"
            ),
            ("{{#don_vi}}{{ma}}{{/don_vi}}", ["don_vi": .object(["ma": "BAOKT"])], "BAOKT"),
            ("a{{! ghi chú }}b", [:], "ab"),
            ("{ {x} } }}", [:], "{ {x} } }}"),
        ] as [(String, [String: TemplateValue], String)])
    func renders(source: String, context: [String: TemplateValue], expected: String) throws {
        #expect(try Self.render(source, context) == expected)
    }

    @Test("a section tag alone on its line takes the line with it")
    func standalone() throws {
        let source = """
            <tbody>
              {{#rows}}
              <tr><td>{{name}}</td></tr>
              {{/rows}}
              {{! nothing else }}
            </tbody>
            """
        let html = try Self.render(source, ["rows": .list([["name": "a"], ["name": "b"]])])
        #expect(html == "<tbody>\n  <tr><td>a</td></tr>\n  <tr><td>b</td></tr>\n</tbody>")
        #expect(try Self.render("x {{#a}}\ny{{/a}} z", ["a": true]) == "x \ny z", "not alone: kept")
        #expect(try Self.render("{{#a}}\r\nline\r\n{{/a}}\r\n", ["a": true]) == "line\r\n")
    }

    @Test(
        "malformed templates fail with the line and column of the problem",
        arguments: [
            ("ok\n  {{name", TemplateError.Kind.unterminatedTag, 2, 3),
            ("{{{raw}}", .unterminatedTag, 1, 1),
            ("a {{}} b", .emptyTag, 1, 3),
            ("\n\nx {{tổng}}", .invalidName("tổng"), 3, 3),
            ("{{a..b}}", .invalidName("a..b"), 1, 1),
            ("{{> header}}", .unsupportedTag("> header"), 1, 1),
            ("{{=<% %>=}}", .unsupportedTag("=<% %>="), 1, 1),
            ("line 1\n{{#rows}}\nline 3", .unclosedSection("rows"), 2, 1),
            ("Đơn vị {{/rows}}", .unexpectedClose("rows"), 1, 8),
            ("{{#a}}{{#b}}\n{{/a}}{{/b}}", .mismatchedClose(expected: "b", found: "a"), 2, 1),
        ] as [(String, TemplateError.Kind, Int, Int)])
    func parseErrors(source: String, kind: TemplateError.Kind, line: Int, column: Int) {
        #expect(throws: TemplateError(kind, template: "t.html", line: line, column: column)) {
            try Template(source, name: "t.html")
        }
    }

    @Test("an unknown name fails at render with its line, a suggestion and the names available")
    func unknownName() throws {
        let template = try Template("<p>\n  Tổng: {{tong_tein}}\n</p>", name: "to-trinh.html")
        do {
            _ = try template.render(["tong_tien": "150.000.000", "ngay": "10/03/2020"])
            Issue.record("rendered with an unknown name")
        } catch {
            #expect(error.line == 2 && error.column == 9)
            #expect(error.kind == .unknownName("tong_tein", suggestion: "tong_tien", available: ["ngay", "tong_tien"]))
            #expect(
                error.description
                    == "to-trinh.html:2:9: unknown name \"tong_tein\" (did you mean \"tong_tien\"?); available here: ngay, tong_tien"
            )
        }
        #expect(throws: TemplateError.self) { try Self.render("{{#nothing}}x{{/nothing}}", [:]) }
        #expect(throws: TemplateError(.notText("rows"), template: "t.html", line: 1, column: 1)) {
            try Self.render("{{rows}}", ["rows": .list([])])
        }
        #expect(throws: TemplateError.self) { try Self.render("{{a.b}}", ["a": "text, not a group"]) }
    }

    @Test("nesting deeper than the limit is refused at the section that goes too deep")
    func nesting() throws {
        let limit = Template.maxNesting
        let ok = String(repeating: "{{#a}}", count: limit) + "x" + String(repeating: "{{/a}}", count: limit)
        #expect(try Template(ok).render(["a": true]) == "x")
        let deep = String(repeating: "{{#a}}\n", count: limit + 1)
        #expect(throws: TemplateError(.nestedTooDeep(limit), template: "template", line: limit + 1, column: 1)) {
            try Template(deep)
        }
    }

    @Test("a template lists the names it uses")
    func referencedNames() throws {
        let template = try Template("{{a}}{{#b}}{{c.d}}{{{e}}}{{/b}}{{^f}}{{/f}}{{! g }}")
        #expect(template.referencedNames == ["a", "b", "c.d", "e", "f"])
    }
}
