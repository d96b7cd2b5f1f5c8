import Foundation
import Model

/// The matrix file reader as `toolgate run` uses it: bytes (UTF-8 or refused, as the loader does), the TOML
/// parser, then the decoder's checks of every key and value.
enum MatrixTarget {
    static func run(_ bytes: [UInt8]) -> String {
        do {
            let matrix = try MatrixDecoder.decode(Data(bytes), path: "matrices/fuzz.toml")
            return "decoded '\(matrix.name)': \(matrix.compilers.count) compilers, \(matrix.targets.count) targets"
        } catch {
            return "refused: \(error)"
        }
    }
}
