import ELFInspection
import Foundation

/// `inspect --json`: one array, one object per input in input order; a failure is {"path", "error"}.
package enum InspectJSON {
    package static func render(_ results: [InspectResult]) throws -> String {
        let data = try JSONOutput.encoder().encode(results.map(Entry.init))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct Entry: Encodable {
        let result: InspectResult
        init(_ result: InspectResult) { self.result = result }

        private enum Keys: String, CodingKey { case path, error }

        func encode(to encoder: any Encoder) throws {
            switch result {
            case .facts(let facts):
                try facts.encode(to: encoder)
            case .failure(let path, let error):
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(path, forKey: .path)
                try c.encode(error.description, forKey: .error)
            }
        }
    }
}
