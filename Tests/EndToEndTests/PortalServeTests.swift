import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `budget serve` as a process, beside `budget submit` processes on the same round.
@Suite(
    "budget serve and the command line on one round", .serialized,
    .enabled(if: Program.find("curl") != nil && Program.sqlite3 != nil, "needs curl and sqlite3"))
struct PortalServeTests {
    /// A running `budget serve --listen 127.0.0.1:0`; the port is read from its first line.
    final class Served {
        let process = Process()
        let port: Int
        let output: Pipe

        init(round: String, extra: [String] = []) throws {
            process.executableURL = Binary.url
            process.arguments = ["serve", "--round", round, "--listen", "127.0.0.1:0", "--quiet"] + extra
            process.environment = Program.budgetEnvironment(now: KonTum.beforeDeadline)
            output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = ""
            let handle = output.fileHandleForReading
            while !line.contains("\n") {
                let byte = handle.readData(ofLength: 1)
                if byte.isEmpty { break }
                line += String(decoding: byte, as: UTF8.self)
            }
            guard let range = line.range(of: "127.0.0.1:"),
                let port = Int(line[range.upperBound...].prefix { $0.isNumber })
            else { throw SQLiteShell.Failure(description: "no port in \(line)") }
            self.port = port
        }

        /// SIGTERM, then at most 20 s for a clean exit (SIGKILL after, and -1).
        func stop() -> Int32 {
            guard process.isRunning else { return process.terminationStatus }
            process.terminate()
            let limit = Date().addingTimeInterval(20)
            while process.isRunning && Date() < limit { usleep(50_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return -1
            }
            return process.terminationStatus
        }
    }

    @Test("six CLI submits and six portal uploads at once: twelve receipts, all distinct, integrity ok")
    func cliAndServerTogether() throws {
        let round = try TestRound("serve-cli")
        let issued = try Binary.run(
            ["access", "--round", round.directory, "--all", "--format", "json"],
            environment: ["BUDGET_NOW": KonTum.beforeDeadline])
        #expect(issued.status == 0)
        let codes = try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [[String: String]] ?? []
        let code = codes.first { $0["agency"] == "BAOKT" }?["code"] ?? ""
        #expect(!code.isEmpty)
        let served = try Served(round: round.directory)
        defer { _ = served.stop() }
        let source = Array(try Data(contentsOf: URL(fileURLWithPath: KonTum.example("bao-kon-tum.csv"))))
        var processes: [Process] = []
        for n in 1...6 {
            let cli = try round.scratch.write("cli-\(n).csv", source + Array(repeating: 10, count: n))
            let web = try round.scratch.write("web-\(n).csv", source + Array(repeating: 10, count: 10 + n))
            let submit = Process()
            submit.executableURL = Binary.url
            submit.arguments = ["submit", cli, "--round", round.directory]
            submit.environment = Program.budgetEnvironment(now: KonTum.beforeDeadline)
            submit.standardOutput = FileHandle.nullDevice
            submit.standardError = FileHandle.nullDevice
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: Program.find("curl") ?? "/usr/bin/curl")
            curl.arguments = [
                "-s", "-o", "/dev/null", "--fail", "-H", "Authorization: Bearer \(code)", "-F", "file=@\(web)",
                "http://127.0.0.1:\(served.port)/api/submissions",
            ]
            try submit.run()
            try curl.run()
            processes += [submit, curl]
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let database = round.directory + "/round.sqlite"
        let names = try SQLiteShell.query(database, "SELECT file_name FROM receipts ORDER BY file_name")
        #expect(names.split(separator: "\n").count == 12)
        #expect(try SQLiteShell.integer(database, "SELECT count(DISTINCT sha256) FROM receipts") == 12)
        #expect(try SQLiteShell.integer(database, "SELECT max(id) FROM receipts") == 12)
        #expect(try SQLiteShell.integer(database, "SELECT count(*) FROM events WHERE action = 'submit'") == 6)
        #expect(RoundInvariants.problems(database).isEmpty)
        #expect(served.stop() == 0, "SIGTERM stops the portal cleanly")
    }

    @Test("serve refuses a folder that holds no round, and a bad --listen; says loopback on start")
    func usage() throws {
        let scratch = Scratch("serve-usage")
        #expect(try Binary.run(["serve", "--round", scratch.path, "--listen", "127.0.0.1:0"]).status == 2)
        let round = try TestRound("serve-usage")
        #expect(try Binary.run(["serve", "--round", round.directory, "--listen", "localhost"]).status == 2)
        #expect(try Binary.run(["serve", "--round", round.directory, "--proxy", "10.0.0.1"]).status == 2)
        let served = try Served(round: round.directory)
        #expect(served.stop() == 0)
        let rest = String(decoding: served.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("loopback"))
    }
}
