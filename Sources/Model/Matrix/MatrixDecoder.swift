import Foundation

/// Reads a matrix file into a `Matrix`, refusing unknown keys, wrong types and unknown names with
/// the file, line and column, and the nearest valid name where one fits.
package enum MatrixDecoder {
    package static func load(path: String, fixturesOverride: String? = nil) throws(MatrixError) -> Matrix {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw MatrixError(path: path, location: nil, message: "cannot read the matrix file: \(error.localizedDescription)")
        }
        return try decode(data, path: path, fixturesOverride: fixturesOverride)
    }

    /// The file's bytes, as `load` reads them (and the fuzzer feeds them): UTF-8 text, else an error.
    package static func decode(_ data: Data, path: String, fixturesOverride: String? = nil) throws(MatrixError) -> Matrix {
        let text = try MatrixText.decode([UInt8](data), path: path)
        return try decode(text, path: path, fixturesOverride: fixturesOverride)
    }

    package static func decode(_ text: String, path: String, fixturesOverride: String? = nil) throws(MatrixError) -> Matrix {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            throw MatrixError(path: path, location: error.location, message: error.message)
        }
        let top = TableReader(table: root, file: path, name: "the top level", location: nil)
        try top.allowOnly(["name", "fixtures", "opt", "link", "exclude", "compilers", "targets", "limits", "sandbox", "generate", "axes", "axis_order"] + TableReader.flagKeys)
        let directory = (path as NSString).deletingLastPathComponent
        let written = try top.string("fixtures") ?? "../fixtures"
        let fixtures = fixturesOverride ?? resolve(written, against: directory)
        let links = try decodeLinks(top)
        let targets = try TargetDecoder.decode(top.subtable("targets"), top: top, matrixDirectory: directory)
        let compilers = try CompilerDecoder.decode(
            top.subtable("compilers"), top: top, targets: targets.map(\.name), matrixDirectory: directory)
        let axes = try AxisDecoder.decode(top, compilers: compilers.map(\.name), targets: targets.map(\.name))
        let opts = try top.stringArray("opt") ?? ["-O2"]
        if let node = root["opt"], opts.isEmpty { throw top.error("'opt' must not be empty", at: node.location) }
        var matrix = Matrix(
            name: try top.string("name") ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension,
            path: path, fixtures: fixtures, opts: opts, links: links, flags: try top.flagSet(),
            limits: try decodeLimits(top.subtable("limits")),
            exclude: try ExcludeDecoder.decode(top, compilers: compilers.map(\.name), targets: targets.map(\.name), axes: axes),
            compilers: compilers, targets: targets)
        matrix.axes = axes
        matrix.sandbox = try decodeSandbox(top)
        matrix.generate = try GenerateDecoder.decode(top.subtable("generate"), compilers: compilers.map(\.name), targets: targets.map(\.name))
        return matrix
    }

    private static func decodeSandbox(_ top: TableReader) throws(MatrixError) -> SandboxMode {
        guard let written = try top.string("sandbox"), let node = top.table["sandbox"] else { return .auto }
        guard let mode = SandboxMode(rawValue: written) else {
            throw top.error(
                "unknown sandbox '\(written)'; expected \(EnglishList.or(SandboxMode.allCases.map { "'\($0.rawValue)'" }))",
                at: node.location)
        }
        return mode
    }

    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") { return path }
        let joined = directory.isEmpty ? path : directory + "/" + path
        // NSString.standardizingPath leaves "matrices/../fixtures" alone when relative: fold ".." here.
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        let folded = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + folded : (folded.isEmpty ? "." : folded)
    }

    static func linkMode(_ name: String, at location: SourceLocation, _ reader: TableReader) throws(MatrixError) -> LinkMode {
        guard let mode = LinkMode(rawValue: name) else {
            throw reader.error("unknown link mode '\(name)'; expected \(LinkMode.expectedList)", at: location)
        }
        return mode
    }

    private static func decodeLinks(_ top: TableReader) throws(MatrixError) -> [LinkMode] {
        guard let nodes = try top.stringArrayNodes("link") else { return LinkMode.allCases }
        var modes: [LinkMode] = []
        for (name, at) in nodes {
            let mode = try linkMode(name, at: at, top)
            if !modes.contains(mode) { modes.append(mode) }
        }
        if modes.isEmpty, let node = top.table["link"] { throw top.error("'link' must not be empty", at: node.location) }
        return modes
    }

    private static func decodeLimits(_ reader: TableReader?) throws(MatrixError) -> RunLimits {
        var limits = RunLimits()
        guard let reader else { return limits }
        try reader.allowOnly(["cpu_seconds", "memory_mib", "processes", "output_kib"])
        limits.cpuSeconds = try reader.int("cpu_seconds", minimum: 1) ?? limits.cpuSeconds
        limits.memoryMiB = try reader.int("memory_mib", minimum: 16) ?? limits.memoryMiB
        limits.processes = try reader.int("processes", minimum: 1) ?? limits.processes
        limits.outputKiB = try reader.int("output_kib", minimum: 1) ?? limits.outputKiB
        return limits
    }
}
