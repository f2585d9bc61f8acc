import Foundation
import Testing

/// A counted file's lines are read from its recorded bytes (schema 3), in file order, and
/// checked against what was recorded when it was accepted.
@Suite("Lines read from the recorded bytes")
struct LinesFromBytesTests {
    /// Quantities "5.000" and "1.000" wait for the file's decimal mark (money shows none),
    /// which only quantity × price = amount decides, at the end; the "1" between them does
    /// not wait. A reader that hands lines on as they are finished gives the middle one first.
    static let heldLines = """
        Kế hoạch;kon-tum-2020
        Mã đơn vị;STTTT
        STT;Mã nội dung;Nội dung;Đơn vị tính;Số lượng;Đơn giá;Thành tiền;Ghi chú
        1;IV.1.c;Tờ gấp;tờ;5.000;3500;17500000;
        2;IV.1.a;Họp báo;cuộc;1;25000000;25000000;
        3;IV.1.c;Sổ tay;cuốn;1.000;45000;45000000;

        """

    /// Runs `tampering` with the receipts' update trigger dropped, then puts it back: a
    /// change made by hand behind the triggers.
    static func behindTheTrigger(_ round: TestRound, _ tampering: String) throws {
        let trigger = try SQLiteShell.query(
            round.database, "SELECT sql FROM sqlite_master WHERE name = 'receipts_no_update'")
        _ = try SQLiteShell.query(round.database, "DROP TRIGGER receipts_no_update; \(tampering); \(trigger);")
    }

    /// Changes one byte of receipt `id`'s file (the 301st), its length unchanged.
    static func flipByte(ofReceipt id: Int) -> String {
        """
        UPDATE receipts SET bytes = CAST(substr(bytes, 1, 300) || CASE WHEN substr(bytes, 301, 1) = X'41'
            THEN X'42' ELSE X'41' END || substr(bytes, 302) AS BLOB) WHERE id = \(id)
        """
    }

    static func export(_ round: TestRound, _ what: String) throws -> Binary.Result {
        try Binary.run(
            ["export", "--round", round.directory, "--what", what, "--format", "csv"],
            environment: Program.clock(KonTum.beforeDeadline))
    }

    @Test("lines held for the decimal mark come out in file order, with the quantities decided; no row is stored")
    func fileOrder() throws {
        let round = try TestRound("lines-order")
        let file = try round.scratch.write("giu-dong.csv", Array(Self.heldLines.utf8))
        let submitted = try round.submit(file)
        #expect(submitted.result.status == 0, "\(submitted.result.stderr)")
        #expect(try SQLiteShell.integer(round.database, "SELECT count(*) FROM lines") == 0)
        #expect(try SQLiteShell.integer(round.database, "SELECT count(*) FROM item_totals") == 2)
        let lines = try Self.export(round, "lines")
        #expect(lines.status == 0, "\(lines.stderr)")
        let rows = lines.stdout.split(whereSeparator: \.isNewline).dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.map { $0.last.map(String.init) } == ["4", "5", "6"], "line in file, in file order")
        #expect(rows.map { String($0[5]) } == ["5000", "1", "1000"], "quantities as decided")
        #expect(rows.map { String($0[3]) } == ["Tờ gấp", "Họp báo", "Sổ tay"])
        let verified = try Binary.run(
            ["status", "--round", round.directory, "--verify"], environment: Program.clock(KonTum.beforeDeadline))
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    @Test(
        "a receipt whose bytes no longer read as recorded stops the documents: exit 4, the ways of summing disagree, nothing written",
        .enabled(if: Program.sqlite3 != nil, "needs sqlite3"),
        arguments: [
            "UPDATE receipts SET line_count = line_count + 1 WHERE id = 1",
            "UPDATE receipts SET encoding = 'utf-16le' WHERE id = 1",
        ])
    func disagreement(tampering: String) throws {
        let round = try TestRound("lines-tampered")
        let submitted = try round.submit(KonTum.example("so-thong-tin.csv"))
        #expect(submitted.result.status == 0, "\(submitted.result.stderr)")
        try Self.behindTheTrigger(round, tampering)
        let verified = try Binary.run(
            ["status", "--round", round.directory, "--verify", "--lang", "en"],
            environment: Program.clock(KonTum.beforeDeadline))
        #expect(verified.status == 4)
        #expect(verified.stderr.contains("the ways of summing disagree"), "\(verified.stderr)")
        #expect(verified.stderr.contains("receipt 1"), "\(verified.stderr)")
        let out = round.scratch.sub("goi")
        let package = try Binary.run(
            ["package", "--round", round.directory, "--out", out], environment: Program.clock(KonTum.beforeDeadline))
        #expect(package.status == 4, "\(package.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "no package is left behind")
        #expect(try Self.export(round, "lines").status == 4)
        #expect(try Self.export(round, "agencies").status == 0, "the sums alone do not need the lines")
    }
    @Test(
        "a counted file's bytes changed behind the triggers: package, export and status --verify fail the round's checks naming the receipt",
        .enabled(if: Program.sqlite3 != nil, "needs sqlite3"))
    func bytesChanged() throws {
        let round = try TestRound("lines-bytes")
        let submitted = try round.submit(KonTum.example("so-thong-tin.csv"))
        #expect(submitted.result.status == 0, "\(submitted.result.stderr)")
        // One byte of a description, the length unchanged: the sums still agree.
        try Self.behindTheTrigger(round, Self.flipByte(ofReceipt: 1))
        let clock = Program.clock(KonTum.beforeDeadline)
        let out = round.scratch.sub("goi")
        let package = try Binary.run(
            ["--lang", "en", "package", "--round", round.directory, "--out", out, "--zip"], environment: clock)
        #expect(package.status == 4)
        #expect(package.stderr.contains("failed its checks"), "\(package.stderr)")
        #expect(package.stderr.contains("receipt 1"), "\(package.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out) && !FileManager.default.fileExists(atPath: out + ".zip"))
        let lines = try Binary.run(
            ["--lang", "en", "export", "--round", round.directory, "--what", "lines", "--format", "csv"],
            environment: clock)
        #expect(lines.status == 4)
        #expect(lines.stdout.isEmpty, "nothing of a tampered round reaches standard output")
        #expect(lines.stderr.contains("failed its checks") && lines.stderr.contains("receipt 1"), "\(lines.stderr)")
        let file = round.scratch.sub("chi-tiet.csv")
        let toFile = try Binary.run(
            ["--lang", "en", "export", "--round", round.directory, "--what", "lines", "--format", "csv", "-o", file],
            environment: clock)
        #expect(toFile.status == 4 && toFile.stderr.contains("receipt 1"), "\(toFile.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file), "nothing is put in place")
        let verified = try Binary.run(
            ["--lang", "en", "status", "--round", round.directory, "--verify"], environment: clock)
        #expect(verified.status == 4)
        #expect(verified.stderr.contains("receipt 1"), "\(verified.stderr)")
    }
    @Test(
        "a returned file's bytes changed behind the triggers: status --verify re-hashes every file received and names it",
        .enabled(if: Program.sqlite3 != nil, "needs sqlite3"))
    func returnedBytesChanged() throws {
        let round = try TestRound("returned-bytes")
        #expect(try round.submit(KonTum.example("so-thong-tin.csv")).result.status == 0)
        let returned = try round.submit(KonTum.example("so-thong-tin-loi.csv"))
        #expect(returned.result.status == 1, "\(returned.result.stderr)")
        let clock = Program.clock(KonTum.beforeDeadline)
        let before = try Binary.run(["status", "--round", round.directory, "--verify"], environment: clock)
        #expect(before.status == 0, "\(before.stderr)")
        try Self.behindTheTrigger(round, Self.flipByte(ofReceipt: 2))
        let after = try Binary.run(
            ["--lang", "en", "status", "--round", round.directory, "--verify"], environment: clock)
        #expect(after.status == 4)
        #expect(after.stderr.contains("receipt 2"), "\(after.stderr)")
        #expect(after.stdout.isEmpty, "no board is printed for a round that fails its checks")
    }
}
