import ELFInspection
import Foundation
import Model

/// The report's metadata that does not depend on the tools: host, matrix hash, times.
enum RunMetadataFactory {
    static func make(matrix: Matrix, jobs: Int, commandLine: [String]) -> RunMetadata {
        let bytes = FileManager.default.contents(atPath: matrix.path).map { [UInt8]($0) } ?? []
        let info = ProcessInfo.processInfo
        let host = RunMetadata.Host(
            hostname: info.hostName, kernel: info.operatingSystemVersionString, machine: machineName(),
            cores: ProcessorCount.online)
        return RunMetadata(
            toolgateVersion: ToolgateVersion.current, startedAt: timestamp(), commandLine: commandLine, host: host,
            matrix: RunMetadata.MatrixInfo(name: matrix.name, path: matrix.path, sha256: SHA256.hex(bytes)),
            fixtures: matrix.fixtures, jobs: jobs)
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date())
    }

    private static func machineName() -> String {
        #if arch(x86_64)
        return "x86_64"
        #elseif arch(arm64)
        return "aarch64"
        #else
        return "unknown"
        #endif
    }
}
