import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The defects of issue 10 ("the ledger cannot be lost, forged or misstated"), one test
/// each, run on the real binary as a user (or a hostile tester) would.
@Suite("The ledger cannot be lost, forged or misstated")
struct LedgerSafetyTests {
    /// A round holding one accepted file (BAOKT, 321 000 000 đồng).
    static func roundWithOneFile(_ label: String) throws -> TestRound {
        let round = try TestRound(label)
        #expect(try round.submit(KonTum.example("bao-kon-tum.csv")).result.status == 0)
        return round
    }

    static func budget(
        _ arguments: [String], in directory: String? = nil, now: String? = KonTum.beforeDeadline
    )
        throws -> Binary.Result
    {
        try Binary.run(arguments, in: directory, environment: now.map { Program.clock($0) } ?? [:])
    }

    // MARK: 1. package --force never deletes a round

    @Test(
        "package --out onto the round, its parent or itself by a relative path is refused and the round stays",
        arguments: ["round", "parent", "relative", "child"])
    func packageNeverReplacesARound(target: String) throws {
        let round = try Self.roundWithOneFile("force-\(target)")
        let beside = try round.scratch.write("ghi-chu.txt", Array("unrelated".utf8))
        let before = DirectorySnapshot(round.directory)
        var directory: String? = nil
        let out: String
        switch target {
        case "round": out = round.directory
        case "parent": out = round.scratch.path
        case "child": out = round.directory + "/goi"
        default:
            directory = round.directory
            out = "../round"
        }
        let result = try Self.budget(
            ["package", "--round", round.directory, "--out", out, "--force", "--zip"], in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("round"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: round.database))
        #expect(DirectorySnapshot(round.directory) == before)
        #expect(FileManager.default.fileExists(atPath: beside))
        #expect(!FileManager.default.fileExists(atPath: round.directory + "/goi"))
        #expect(try round.submissionsInStatus() == 1)
    }

    @Test("package --force replaces an earlier package but not a folder holding anything else")
    func forceOnlyOverAPackage() throws {
        let round = try Self.roundWithOneFile("force-kinds")
        let out = round.scratch.sub("goi")
        #expect(try Self.budget(["package", "--round", round.directory, "--out", out]).status == 0)
        let again = try Self.budget(["package", "--round", round.directory, "--out", out, "--force"])
        #expect(again.status == 0, "\(again.stderr)")
        let other = round.scratch.sub("tai-lieu")
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: other + "/thu.docx"))
        let refused = try Self.budget(["package", "--round", round.directory, "--out", other, "--force"])
        #expect(refused.status == 2)
        #expect(FileManager.default.fileExists(atPath: other + "/thu.docx"))
        #expect(!FileManager.default.fileExists(atPath: other + "/manifest.json"))
    }

    // MARK: 2. -o replaces only regular files

    @Test("export -o and template -o refuse a symlink and a FIFO, and leave them as they were")
    func onlyRegularFilesReplaced() throws {
        let round = try Self.roundWithOneFile("special-out")
        let target = try round.scratch.write("that.txt", Array("precious".utf8))
        let link = round.scratch.sub("link.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let fifo = round.scratch.sub("fifo.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [link, fifo] {
            let export = try Self.budget([
                "export", "--round", round.directory, "--what", "agencies", "--format", "csv", "-o", path,
            ])
            #expect(export.status == 2, "export -o \(path): \(export.stderr)")
            let template = try Self.budget(
                ["template", "--plan", KonTum.plan, "--agency", "BAOKT", "-o", path, "--force"])
            #expect(template.status == 2, "template -o \(path): \(template.stderr)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    /// A device node of our own (major 1, minor 3: a copy of /dev/null in the scratch folder), so
    /// that a regression replaces that node and never the machine's /dev/null.
    @Test("export -o onto a device node is refused", .enabled(if: Program.isRoot))
    func deviceRefused() throws {
        let round = try Self.roundWithOneFile("device-out")
        let device = round.scratch.sub("thiet-bi")
        #expect(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
        let result = try Self.budget([
            "export", "--round", round.directory, "--what", "agencies", "--format", "csv", "-o", device,
        ])
        #expect(result.status == 2, "\(result.stderr)")
        var info = stat()
        #expect(lstat(device, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test("export -o inside the round is refused")
    func exportIntoTheRound() throws {
        let round = try Self.roundWithOneFile("export-inside")
        for path in [round.directory + "/bang.csv", round.database] {
            let result = try Self.budget([
                "export", "--round", round.directory, "--what", "agencies", "--format", "csv", "-o", path,
            ])
            #expect(result.status == 2, "\(path): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: round.directory + "/bang.csv"))
        #expect(try round.submissionsInStatus() == 1)
    }

    @Test("template -o refuses to replace a file unless --force")
    func templateKeepsAFilledFile() throws {
        let scratch = Scratch("template-force")
        let filled = try scratch.write("BAOKT.csv", Array("filled in by hand".utf8))
        let refused = try Self.budget(["template", "--plan", KonTum.plan, "--agency", "BAOKT", "-o", filled])
        #expect(refused.status == 2)
        #expect(try String(contentsOfFile: filled, encoding: .utf8) == "filled in by hand")
        let forced = try Self.budget(["template", "--plan", KonTum.plan, "--agency", "BAOKT", "-o", filled, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: filled, encoding: .utf8).contains("Mã đơn vị"))
    }

    // MARK: 3. long names never block a package

    @Test("a file whose name is 244 bytes + .csv is recorded and packaged; names in nguon/ fit 255 bytes")
    func longNamesFit() throws {
        let round = try TestRound("long-name")
        let fileName = String(repeating: "c", count: 244) + ".csv"
        #expect(fileName.utf8.count == 248)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: KonTum.example("bao-kon-tum.csv")))
        let path = try round.scratch.write(fileName, [UInt8](bytes))
        #expect(try round.submit(path).result.status == 0)
        let out = round.scratch.sub("goi")
        let result = try Self.budget(["package", "--round", round.directory, "--out", out, "--zip"])
        #expect(result.status == 0, "\(result.stderr)")
        let sources = try FileManager.default.contentsOfDirectory(atPath: out + "/nguon")
        #expect(sources.count == 1)
        for source in sources {
            #expect(source.utf8.count <= 255)
            #expect(source.hasPrefix("0001-BAOKT-"))
            #expect(source.hasSuffix(".csv"))
        }
    }

    // MARK: 4. sums fit at intake

    @Test("a file that would overflow the round's total is returned with limit-exceeded; status still works")
    func overflowReturnedAtIntake() throws {
        let round = try TestRound("overflow")
        let huge = "Mã đơn vị,BAOKT\nMã nội dung,Thành tiền,Nội dung\nIV.5.a,9223372036854775807,Phim\n"
        let first = try round.submit(try round.scratch.write("huge.csv", Array(huge.utf8)))
        #expect(first.result.status == 0, "\(first.result.stderr)")
        let small = "Mã đơn vị,SVHTTDL\nMã nội dung,Thành tiền,Nội dung\nIV.2.a,1,Cờ\n"
        let second = try round.submit(try round.scratch.write("small.csv", Array(small.utf8)))
        #expect(second.result.status == 1)
        #expect(second.json?["decision"] as? String == "returned")
        let codes = (second.json?["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("limit-exceeded"))
        #expect(try round.status()["total"] as? Int == Int.max)
        let out = round.scratch.sub("goi")
        #expect(try Self.budget(["package", "--round", round.directory, "--out", out]).status == 0)
        for what in ["agencies", "items", "matrix", "lines"] {
            let export = try Self.budget(["export", "--round", round.directory, "--what", what, "--format", "csv"])
            #expect(export.status == 0, "\(what): \(export.stderr)")
        }
    }

    // MARK: 5. tampering is caught

    @Test(
        "a stored plan changed behind the triggers stops package, export and status --verify with exit 4",
        .enabled(if: Program.sqlite3 != nil))
    func changedPlanCaught() throws {
        let round = try Self.roundWithOneFile("tamper-plan")
        _ = try SQLiteShell.query(
            round.database,
            "DROP TRIGGER meta_no_update; UPDATE meta SET plan = CAST(replace(CAST(plan AS TEXT), '2020-03-10', '2030-03-10') AS BLOB);"
        )
        let out = round.scratch.sub("goi")
        let package = try Self.budget(["package", "--round", round.directory, "--out", out])
        #expect(package.status == 4)
        #expect(package.stderr.contains("plan"), "\(package.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let export = try Self.budget(["export", "--round", round.directory, "--what", "agencies", "--format", "csv"])
        #expect(export.status == 4)
        let verify = try Self.budget(["status", "--round", round.directory, "--verify"])
        #expect(verify.status == 4)
    }

    @Test("a receipt deleted behind the triggers is a gap that stops package", .enabled(if: Program.sqlite3 != nil))
    func deletedReceiptCaught() throws {
        let round = try Self.roundWithOneFile("tamper-gap")
        #expect(try round.submit(KonTum.example("so-van-hoa.csv")).result.status == 0)
        #expect(try round.submit(KonTum.example("so-thong-tin.csv")).result.status == 0)
        _ = try SQLiteShell.query(
            round.database,
            "DROP TRIGGER receipts_no_delete; DROP TRIGGER findings_no_delete; DROP TRIGGER lines_no_delete; DROP TRIGGER item_totals_no_delete; DELETE FROM lines WHERE receipt_id = 2; DELETE FROM item_totals WHERE receipt_id = 2; DELETE FROM findings WHERE receipt_id = 2; DELETE FROM receipts WHERE id = 2;"
        )
        let out = round.scratch.sub("goi")
        let package = try Self.budget(["package", "--round", round.directory, "--out", out])
        #expect(package.status == 4)
        #expect(package.stderr.contains("2"), "\(package.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a damaged page stops submit and package with exit 4")
    func damagedPageCaught() throws {
        let round = try TestRound("tamper-page")
        for _ in 0..<3 {
            let big = GeneratedSubmission.baokt(lines: 400, tag: UUID().uuidString)
            #expect(try round.submit(try round.scratch.write("big-\(UUID()).csv", big.bytes)).result.status == 0)
        }
        let handle = try #require(FileHandle(forUpdatingAtPath: round.database))
        let size = try handle.seekToEnd()
        #expect(size > 16 * 4096)
        // Scribble over three whole pages in the middle, headers included: whatever they
        // are (b-tree or overflow pages), their structure is broken. (Bytes changed inside
        // a record's payload keep the structure, and only re-hashing catches them.)
        let page: UInt64 = 4096
        try handle.seek(toOffset: (size / 2 / page) * page)
        handle.write(Data(repeating: 0xA5, count: Int(3 * page)))
        try handle.close()
        let submit = try round.submit(KonTum.example("so-van-hoa.csv"))
        #expect(submit.result.status == 4, "\(submit.result.stderr)")
        let out = round.scratch.sub("goi")
        let package = try Self.budget(["package", "--round", round.directory, "--out", out])
        #expect(package.status == 4)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    // MARK: 6. void

    @Test("void annuls a receipt filed under the wrong agency: status and memo no longer show it; it stays on record")
    func voidAClericalMistake() throws {
        let round = try TestRound("void")
        let wrong = try round.submit(
            KonTum.example("bao-kon-tum.csv"), now: KonTum.beforeDeadline, ["--agency", "SVHTTDL"])
        #expect(wrong.result.status == 1)
        #expect(try round.agency("SVHTTDL")["state"] as? String == "returned")
        let void = try Self.budget(["void", "1", "--round", round.directory, "--reason", "Nhập nhầm mã đơn vị"])
        #expect(void.status == 0, "\(void.stderr)")
        #expect(try round.agency("SVHTTDL")["state"] as? String == "missing")
        #expect(try round.agency("SVHTTDL")["submissions"] as? Int == 1)
        let again = try Self.budget(["void", "1", "--round", round.directory, "--reason", "lần nữa"])
        #expect(again.status == 2)
        let unknown = try Self.budget(["void", "9", "--round", round.directory, "--reason", "không có"])
        #expect(unknown.status == 2)
        let out = round.scratch.sub("goi")
        #expect(try Self.budget(["package", "--round", round.directory, "--out", out]).status == 0)
        let memo = try String(contentsOfFile: out + "/to-trinh.html", encoding: .utf8)
        #expect(!memo.contains("Trả lại để sửa"))
        let report = try String(contentsOfFile: out + "/bao-cao-tiep-nhan.html", encoding: .utf8)
        #expect(report.contains("Đã hủy"))
        #expect(report.contains("Nhập nhầm mã đơn vị"))
        let agency = try Self.budget(
            ["status", "--round", round.directory, "--agency", "SVHTTDL", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(agency.stdout.utf8)) as? [String: Any]
        let receipts = json?["receipts"] as? [[String: Any]] ?? []
        #expect(receipts.count == 1)
        #expect(receipts.first?["voided"] as? Bool == true)
        #expect(receipts.first?["voidReason"] as? String == "Nhập nhầm mã đơn vị")
        #expect(receipts.first?["counted"] as? Bool == false)
    }

    // MARK: 7. receipt messages are true

    @Test("accepting late a file first refused as late does not claim the sums are unchanged")
    func acceptLateAfterRefusal() throws {
        let round = try TestRound("late-dup")
        let late = "2020-03-11T09:00:00+07:00"
        let refused = try round.submit(KonTum.example("so-van-hoa.csv"), now: late)
        #expect(refused.result.status == 3)
        let text = try Binary.run(
            [
                "submit", KonTum.example("so-van-hoa.csv"), "--round", round.directory, "--accept-late", "--reason",
                "Lãnh đạo đồng ý",
            ], environment: Program.clock(late))
        #expect(text.status == 0)
        #expect(text.stdout.contains("Identical to receipt 1"))
        #expect(!text.stdout.contains("the sums do not change"), "\(text.stdout)")
        #expect(try round.agency("SVHTTDL")["state"] as? String == "accepted-late")
    }

    // MARK: 8. one agency's record

    @Test("status --agency lists every receipt of the agency with its findings, oldest first")
    func statusOfOneAgency() throws {
        let round = try TestRound("agency-record")
        #expect(try round.submit(KonTum.example("so-thong-tin-loi.csv")).result.status == 1)
        #expect(try round.submit(KonTum.example("so-thong-tin.csv")).result.status == 0)
        let result = try Self.budget(["status", "--round", round.directory, "--agency", "stttt", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let agency = try #require(json["agency"] as? [String: Any])
        #expect(agency["code"] as? String == "STTTT")
        #expect(agency["state"] as? String == "accepted")
        let receipts = try #require(json["receipts"] as? [[String: Any]])
        #expect(receipts.map { $0["receipt"] as? Int } == [1, 2])
        #expect(receipts.map { $0["decision"] as? String } == ["returned", "accepted"])
        #expect(receipts.map { $0["counted"] as? Bool } == [false, true])
        let findings = receipts[0]["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["code"] as? String == "amount-mismatch" })
        let text = try Self.budget(["status", "--round", round.directory, "--agency", "STTTT"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("error[amount-mismatch]"))
        let unknown = try Self.budget(["status", "--round", round.directory, "--agency", "NOPE"])
        #expect(unknown.status == 2)
    }

    // MARK: 10. exit codes and messages

    @Test("a --round folder that does not exist is a usage error (exit 2)")
    func missingRoundIsUsage() throws {
        let scratch = Scratch("no-round")
        let result = try Self.budget(["status", "--round", scratch.sub("khong-co")])
        #expect(result.status == 2, "\(result.stderr)")
    }

    @Test(
        "check with standard output on a full device exits 4 without pointing at a round",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func checkOnFullDevice() throws {
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["check", KonTum.example("bao-kon-tum.csv"), "--plan", KonTum.plan]
        process.environment = Program.budgetEnvironment(now: nil)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 4)
        #expect(message.contains("standard output"))
        #expect(!message.contains("budget status"), "\(message)")
    }

    @Test("no raw Foundation error text reaches a user")
    func noRawErrorText() throws {
        let round = try Self.roundWithOneFile("raw-text")
        let long = round.scratch.sub(String(repeating: "x", count: 300))
        let results = [
            try Self.budget(["package", "--round", round.directory, "--out", long]),
            try Self.budget(["package", "--round", round.directory, "--out", "."], in: round.scratch.path),
            try Self.budget(["export", "--round", round.directory, "--what", "lines", "--format", "csv", "-o", long]),
            try Self.budget(["template", "--plan", KonTum.plan, "--agency", "BAOKT", "-o", long + "/a.csv"]),
        ]
        for result in results {
            #expect(result.status != 0)
            for raw in ["NSCocoaErrorDomain", "Error Domain=", "UserInfo=", "NSFilePath"] {
                #expect(!result.stderr.contains(raw), "\(result.stderr)")
            }
        }
    }

    // MARK: 12. findings do not cascade

    @Test("a record with an unterminated quote is reported once, as malformed-csv")
    func unreadableRecordReportedOnce() throws {
        let scratch = Scratch("cascade")
        let text = "Mã đơn vị,BAOKT\nMã nội dung,Nội dung,Thành tiền\nIV.5.a,Phim,90000000\nIV.5.b,\"Đặc san,75000000\n"
        let file = try scratch.write("quote.csv", Array(text.utf8))
        let result = try Self.budget(["check", file, "--plan", KonTum.plan, "--format", "json"], now: nil)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let findings = json?.first?["findings"] as? [[String: Any]] ?? []
        let onLine4 = findings.filter { $0["line"] as? Int == 4 }.compactMap { $0["code"] as? String }
        #expect(onLine4 == ["malformed-csv"], "\(findings)")
    }

    // MARK: new commands and options

    @Test("submit takes several files: a receipt each, in order, a JSON array, the most serious exit code")
    func severalFiles() throws {
        let round = try TestRound("several")
        let files = ["bao-kon-tum.csv", "so-thong-tin-loi.csv", "so-van-hoa.csv"].map(KonTum.example)
        let result = try Binary.run(
            ["submit"] + files + ["--round", round.directory, "--format", "json"],
            environment: Program.clock(KonTum.beforeDeadline))
        #expect(result.status == 1, "\(result.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["receipt"] as? Int } == [1, 2, 3])
        #expect(array.map { $0["decision"] as? String } == ["accepted", "returned", "accepted"])
        #expect(try round.submissionsInStatus() == 3)
        let missing = try Binary.run(
            ["submit", files[0], round.scratch.sub("khong-co.csv"), "--round", round.directory],
            environment: Program.clock(KonTum.beforeDeadline))
        #expect(missing.status == 2)
        #expect(try round.submissionsInStatus() == 3, "a usage error records nothing")
    }

    @Test("submit of several files prints the same receipts, byte for byte, in groups of two as in one group")
    func groupingInvisible() throws {
        let files = [
            "bao-kon-tum.csv", "so-thong-tin-loi.csv", "so-van-hoa.csv", "so-thong-tin.csv", "bao-kon-tum.csv",
        ].map(KonTum.example)
        var outputs: [String] = []
        for (label, group) in [("one-group", nil), ("groups-of-two", "2"), ("alone", "1")] {
            let round = try TestRound(label)
            var environment = Program.clock(KonTum.beforeDeadline)
            environment["BUDGET_SUBMIT_GROUP_FILES"] = group
            for format in ["json", "text"] {
                let result = try Binary.run(
                    ["submit"] + files + ["--round", round.directory, "--format", format, "--lang", "en"],
                    environment: environment)
                #expect(result.status == 1, "\(label): \(result.stderr)")
                outputs.append(
                    format + ":" + result.stdout.replacingOccurrences(of: round.scratch.sub(""), with: "ROUND/"))
            }
            #expect(try round.submissionsInStatus() == 10)
        }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(outputs[0].dropFirst(5).utf8)) as? [[String: Any]])
        #expect(json.map { $0["receipt"] as? Int } == [1, 2, 3, 4, 5])
        #expect(json.map { $0["file"] as? String } == files.map { URL(fileURLWithPath: $0).lastPathComponent })
        #expect(outputs[0] == outputs[2] && outputs[0] == outputs[4])
        #expect(outputs[1] == outputs[3] && outputs[1] == outputs[5])
    }

    @Test("--plan takes the id of a bundled plan; a file of that name still wins")
    func bundledPlanID() throws {
        let scratch = Scratch("plan-id")
        let check = try Self.budget(
            ["check", KonTum.example("bao-kon-tum.csv"), "--plan", "kon-tum-2020"], in: scratch.path, now: nil)
        #expect(check.status == 0, "\(check.stderr)")
        let unknown = try Self.budget(["check", KonTum.example("bao-kon-tum.csv"), "--plan", "khong-co"], now: nil)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("kon-tum-2020"), "the message lists the bundled plans")
        let initialised = try Self.budget([
            "init", scratch.sub("dot"), "--plan", "bac-ninh-2020", "--period", "2020-01",
        ])
        #expect(initialised.status == 0, "\(initialised.stderr)")
    }

    @Test("status --verify passes on a round the tool wrote")
    func verifyCleanRound() throws {
        let round = try Self.roundWithOneFile("verify-clean")
        let result = try Self.budget(["status", "--round", round.directory, "--verify"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("voiding the counted file makes the agency's earlier valid file count again")
    func voidRestoresEarlier() throws {
        let round = try TestRound("void-restore")
        #expect(try round.submit(KonTum.example("so-van-hoa.csv")).result.status == 0)
        // The same estimate with one more line end: other bytes, the same figures.
        let other = [UInt8](try Data(contentsOf: URL(fileURLWithPath: KonTum.example("so-van-hoa.csv")))) + [10]
        let second = try round.submit(try round.scratch.write("so-van-hoa-2.csv", other))
        #expect(second.json?["supersedes"] as? Int == 1)
        #expect(try Self.budget(["void", "2", "--round", round.directory, "--reason", "gửi nhầm bản"]).status == 0)
        let agency = try Self.budget(["status", "--round", round.directory, "--agency", "SVHTTDL", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(agency.stdout.utf8)) as? [String: Any])
        let receipts = json["receipts"] as? [[String: Any]] ?? []
        #expect(receipts.map { $0["counted"] as? Bool } == [true, false])
        #expect(receipts.map { $0["voided"] as? Bool } == [false, true])
        #expect((json["agency"] as? [String: Any])?["state"] as? String == "accepted")
    }

    @Test("a FIFO among the files of submit is a usage error before anything is recorded")
    func fifoAmongFiles() throws {
        let round = try TestRound("fifo-submit")
        let fifo = round.scratch.sub("ong.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try Binary.run(
            ["submit", KonTum.example("bao-kon-tum.csv"), fifo, "--round", round.directory],
            environment: Program.clock(KonTum.beforeDeadline))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(try round.submissionsInStatus() == 0)
    }

    @Test("a closed pipe on standard output stops the output, not the work: every file is recorded, exit 1")
    func closedPipe() throws {
        let round = try TestRound("closed-pipe")
        // A returned file with enough findings to fill the output buffer, then two valid ones.
        var text = "Mã đơn vị,BAOKT\nSTT,Mã nội dung,Nội dung,Thành tiền\n"
        for index in 1...600 { text += "\(index),XX.\(index),Sai mã,1000\n" }
        let bad = try round.scratch.write("nhieu-loi.csv", Array(text.utf8))
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = [
            "submit", bad, KonTum.example("so-van-hoa.csv"), KonTum.example("so-thong-tin.csv"), "--round",
            round.directory,
        ]
        process.environment = Program.budgetEnvironment(now: KonTum.beforeDeadline)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try pipe.fileHandleForReading.close()  // the reader is gone before the first byte
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        #expect(try round.submissionsInStatus() == 3)
    }
}
