import Foundation

/// An `application/x-www-form-urlencoded` body as ordered name-value pairs (a multiple choice repeats its name).
struct FormFields {
    var pairs: [(String, String)]

    init(_ body: String) {
        pairs = body.split(separator: "&").compactMap { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            guard let name = pieces.first else { return nil }
            return (decode(name), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    init(pairs: [(String, String)]) {
        self.pairs = pairs
    }

    /// The same fields with `name` set to `value` (replacing any value it had).
    func setting(_ name: String, _ value: String) -> FormFields {
        FormFields(pairs: pairs.filter { $0.0 != name } + [(name, value)])
    }

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
}
