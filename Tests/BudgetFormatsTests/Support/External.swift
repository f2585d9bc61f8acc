import Foundation

/// Running real clients (python3, LibreOffice) from tests, and temporary directories.
enum External {
    /// The path of `program` on PATH, or nil.
    static func find(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether python3 can run (the ZIP checks read archives back with its zipfile).
    static let hasPython = find("python3") != nil

    /// Whether LibreOffice is installed.
    static let hasLibreOffice = find("libreoffice") ?? find("soffice") != nil

    /// Whether python3 with openpyxl can run.
    static let hasOpenpyxl: Bool = {
        guard find("python3") != nil else { return false }
        return (try? run("python3", ["-c", "import openpyxl"]).status) == 0
    }()

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ program: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: find(program) ?? program)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "budget-formats-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
