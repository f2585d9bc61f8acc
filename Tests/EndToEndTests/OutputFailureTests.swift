import Foundation
import Testing

@Suite("A result that cannot be written")
struct OutputFailureTests {
    @Test(
        "submit with standard output on a full device exits 4, says so, and the file stays recorded",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullStandardOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("budget-out-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["BUDGET_NOW": "2020-03-05T09:00:00+07:00"]
        #expect(
            try Binary.run(["init", dir, "--plan", Binary.path("Templates/plans/kon-tum-2020.json")], environment: env)
                .status == 0)
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = [
            "submit", Binary.path("Examples/submissions/bao-kon-tum.csv"), "--round", dir, "--format", "json",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["BUDGET_NOW"] = env["BUDGET_NOW"]
        environment["LANG"] = "C"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 4)
        #expect(message.contains("recorded receipt 1, but the result could not be written to standard output"))
        let status = try Binary.run(["status", "--round", dir, "--format", "json"], environment: env)
        #expect(status.stdout.contains("\"submissions\": 1"))
    }
}
