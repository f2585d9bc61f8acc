import BudgetCore
import Testing

@testable import BudgetCommandLine

@Suite("Argument scanner")
struct ArgumentScannerTests {
    let spec = CommandSpec(
        name: "check",
        abstract: Localized(vi: "Kiểm tra tệp.", en: "Check files."),
        options: [
            OptionSpec("plan", .value("PLAN.json"), help: Localized(vi: "Kế hoạch.", en: "The plan.")),
            OptionSpec(
                "format", .value("FORMAT"), help: Localized(vi: "Định dạng.", en: "Format."), choices: ["text", "json"]),
            OptionSpec("out", short: "o", .value("FILE"), help: Localized(vi: "Tệp ra.", en: "Output.")),
            OptionSpec("force", .flag, help: Localized(vi: "Ghi đè.", en: "Overwrite.")),
            OptionSpec("note", .repeated("TEXT"), help: Localized(vi: "Ghi chú.", en: "Note.")),
        ],
        positionals: [PositionalSpec("FILE", help: Localized(vi: "Tệp.", en: "Files."), repeating: true)])

    @Test("long, inline, short, flag and repeated options are read; positionals keep their order")
    func reads() throws {
        let p = try ArgumentScanner.scan(
            [
                "a.csv", "--plan", "p.json", "--format=json", "-o", "x", "--force", "b.csv", "--note", "1", "--note",
                "2",
            ],
            for: spec)
        #expect(p.positionals == ["a.csv", "b.csv"])
        #expect(p.value("plan") == "p.json")
        #expect(p.value("format") == "json")
        #expect(p.value("out") == "x")
        #expect(p.has("force"))
        #expect(p.all("note") == ["1", "2"])
    }

    @Test("after -- everything is positional, even what looks like an option")
    func endOfOptions() throws {
        let p = try ArgumentScanner.scan(["--", "--plan", "-o"], for: spec)
        #expect(p.positionals == ["--plan", "-o"])
    }

    func error(_ args: [String]) -> UsageError? {
        do {
            _ = try ArgumentScanner.scan(args, for: spec)
            return nil
        } catch {
            return error
        }
    }

    @Test("an unknown option names the argument and suggests the near one")
    func unknown() throws {
        let e = try #require(error(["a.csv", "--paln", "p.json"]))
        #expect(e.argumentIndex == 1)
        #expect(e.message.en.contains("did you mean --plan?"))
        #expect(e.message.vi.contains("có phải --plan?"))
    }

    @Test(
        "usage mistakes are errors",
        arguments: [
            ["a.csv", "--plan"],  // missing value
            ["a.csv", "--format", "xml"],  // not a choice
            ["a.csv", "--force=yes"],  // flag with value
            ["a.csv", "--plan", "a", "--plan", "b"],  // given twice
            [],  // missing positional
        ])
    func mistakes(args: [String]) {
        #expect(error(args) != nil)
    }

    @Test("--help skips positional checks")
    func help() throws {
        #expect(try ArgumentScanner.scan(["--help"], for: spec).wantsHelp)
    }

    @Test("help lists every option in the chosen language")
    func helpText() {
        let vi = HelpFormatter.render(spec, .vi)
        #expect(vi.hasPrefix("Cách dùng: budget check FILE... [tùy chọn]"))
        for o in spec.options { #expect(vi.contains("--\(o.name)")) }
        #expect(vi.contains("Kế hoạch."))
        #expect(HelpFormatter.render(spec, .en).contains("(text|json)"))
    }
}
