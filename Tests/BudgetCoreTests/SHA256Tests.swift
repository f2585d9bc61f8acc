import Foundation
import SHAExtensions
import Testing

@testable import BudgetCore

@Suite("SHA-256")
struct SHA256Tests {
    /// The FIPS 180-4 example messages (NIST "Cryptographic Algorithm Validation" examples).
    static let vectors: [(name: String, message: String, digest: String)] = [
        ("empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "448 bits", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "896 bits",
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    @Test("the FIPS 180-4 example messages hash to their published digests", arguments: vectors.indices)
    func standardVectors(index: Int) {
        let vector = SHA256Tests.vectors[index]
        #expect(SHA256.hex(Array(vector.message.utf8)) == vector.digest, "\(vector.name)")
        #expect(SHA256.hash(Array(vector.message.utf8)).count == SHA256.digestByteCount)
    }

    @Test("one million 'a' hash to the published digest, in one call and streamed")
    func millionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(bytes) == expected)
        var hasher = SHA256.Hasher()
        var offset = 0
        let sizes = [1, 63, 64, 65, 1000, 4096, 7]
        var turn = 0
        while offset < bytes.count {
            let size = min(sizes[turn % sizes.count], bytes.count - offset)
            bytes[offset..<offset + size].withUnsafeBytes { hasher.update($0) }
            offset += size
            turn += 1
        }
        #expect(hasher.finalizeHex() == expected)
    }

    @Test("a sequence without contiguous storage hashes like the same bytes in an array")
    func lazySequence() {
        let message = (0..<10_000).lazy.map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(SHA256.hex(message) == SHA256.hex(Array(message)))
    }

    @Test("hashing in two parts gives the one-shot digest at every split point")
    func everySplit() {
        // Lengths around the block and padding boundaries (55, 56, 63, 64, 119, 120…).
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 200] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            let expected = SHA256.hash(message)
            for split in 0...length {
                var hasher = SHA256.Hasher()
                message[..<split].withUnsafeBytes { hasher.update($0) }
                message[split...].withUnsafeBytes { hasher.update($0) }
                #expect(hasher.finalize() == expected, "length \(length) split \(split)")
            }
        }
    }

    @Test("finalize does not disturb the hasher: more bytes may follow")
    func finalizeIsNonDestructive() {
        var hasher = SHA256.Hasher()
        hasher.update(Array("ab".utf8))
        #expect(hasher.finalizeHex() == SHA256.hex(Array("ab".utf8)))
        hasher.update(Array("c".utf8))
        #expect(hasher.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("hex encoding is lowercase, two digits per byte")
    func hexEncoding() {
        #expect(SHA256.hexEncoded([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(SHA256.hexEncoded([UInt8]()) == "")
    }

    /// sha256sum where it is installed (macOS without coreutils has none: reported skipped).
    static let sha256sum = [
        "/usr/bin/sha256sum", "/bin/sha256sum", "/opt/homebrew/bin/sha256sum", "/usr/local/bin/sha256sum",
    ]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("a random file hashes as sha256sum says", .enabled(if: SHA256Tests.sha256sum != nil, "needs sha256sum"))
    func matchesSha256sum() throws {
        let tool = try #require(Self.sha256sum)
        var generator = SystemRandomNumberGenerator()
        let count = 1_000_003
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sha256-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
        #expect(process.terminationStatus == 0)
        #expect(printed == SHA256.hex(bytes))
    }
}

@Suite("SHA-256 with the processor's SHA extensions")
struct SHA256ExtensionsTests {
    @Test(
        "the extensions and the portable code give the same state for every block count and content tried",
        .enabled(if: SHA256.usesExtensions, "this build or processor has no SHA extensions")
    )
    func sameAsPortable() {
        var generator = SystemRandomNumberGenerator()
        for blocks in [1, 2, 3, 7, 16, 64, 257] {
            for _ in 0..<20 {
                var bytes = (0..<(blocks * 64)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if Bool.random(using: &generator) { bytes = bytes.map { $0 & 0x7F } }  // text-like too
                var portable = SHA256.State()
                var hardware = SHA256.State()
                bytes.withUnsafeBytes { raw in
                    SHA256.portableCompress(&portable, blocks: raw.baseAddress!, count: blocks)
                    var h = (
                        hardware.h0, hardware.h1, hardware.h2, hardware.h3, hardware.h4, hardware.h5, hardware.h6,
                        hardware.h7
                    )
                    SHAExtensions.compress(&h, blocks: raw.baseAddress!, count: blocks)
                    (
                        hardware.h0, hardware.h1, hardware.h2, hardware.h3, hardware.h4, hardware.h5, hardware.h6,
                        hardware.h7
                    ) = h
                }
                #expect(portable.digest == hardware.digest, "\(blocks) blocks")
            }
        }
    }

    @Test("on this machine (x86-64 Linux with sha_ni) the extensions are used", .enabled(if: Self.advertised))
    func usedWhereAdvertised() {
        #expect(SHA256.usesExtensions)
    }

    /// Whether the kernel reports the SHA extensions and this build could use them.
    static var advertised: Bool {
        #if os(Linux) && arch(x86_64)
            let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            return text.contains(" sha_ni")
        #else
            return false
        #endif
    }
}
