import Foundation

/// Finds the field of a decoding error that names none. Foundation's JSON decoder on Linux reports a number that does
/// not fit its field (9.5 or 1e30 where a whole number is expected) as "The given data was not valid JSON." with no
/// path, though the body is valid JSON. When it is, the numbers that are not whole are set to 0 one after another
/// (in document order, each change kept) until the decoder answers otherwise: the number that changed the answer is
/// the one the field could not hold, and the error then names its path.
enum DecodingErrorLocator {
    static func locate<T: Decodable>(_ error: DecodingError, in data: Data, as type: T.Type, decoder: JSONDecoder) -> DecodingError {
        guard case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
              var root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return error }
        var candidates: [[Key]] = []
        collect(root, path: [], into: &candidates)
        for (path, value) in candidates.prefix(100).map({ ($0, Self.value(in: root, at: $0)) }) {
            root = replacing(root, at: path[...], with: 0)
            guard let body = try? JSONSerialization.data(withJSONObject: root, options: [.fragmentsAllowed]) else { return error }
            do {
                _ = try decoder.decode(T.self, from: body)
            } catch let next as DecodingError {
                if case .dataCorrupted(let again) = next, again.codingPath.isEmpty { continue }
            } catch {}
            return .dataCorrupted(DecodingError.Context(
                codingPath: path, debugDescription: "\(value.map { "\($0)" } ?? "the number") is not a number this field holds (a whole number?)"))
        }
        return error
    }

    /// A coding key of a located path.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            stringValue = "\(intValue)"
            self.intValue = intValue
        }
    }

    /// Paths of the numbers that are not whole numbers an `Int` holds, in document order (keys sorted, as the
    /// decoder's field order is unknown here).
    private static func collect(_ value: Any, path: [Key], into paths: inout [[Key]]) {
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() { collect(object[key]!, path: path + [Key(stringValue: key)], into: &paths) }
        case let array as [Any]:
            for (index, element) in array.enumerated() { collect(element, path: path + [Key(intValue: index)], into: &paths) }
        case is Bool, is String:
            break
        case let number as NSNumber:
            let double = number.doubleValue
            if double != double.rounded() || abs(double) >= 9.2e18 { paths.append(path) }
        default:
            break
        }
    }

    private static func value(in root: Any, at path: [Key]) -> NSNumber? {
        var current: Any? = root
        for key in path {
            if let index = key.intValue { current = (current as? [Any]).flatMap { index < $0.count ? $0[index] : nil } }
            else { current = (current as? [String: Any])?[key.stringValue] }
        }
        return current as? NSNumber
    }

    private static func replacing(_ value: Any, at path: ArraySlice<Key>, with replacement: Any) -> Any {
        guard let key = path.first else { return replacement }
        if let index = key.intValue, var array = value as? [Any], index < array.count {
            array[index] = replacing(array[index], at: path.dropFirst(), with: replacement)
            return array
        }
        if var object = value as? [String: Any], let inner = object[key.stringValue] {
            object[key.stringValue] = replacing(inner, at: path.dropFirst(), with: replacement)
            return object
        }
        return value
    }
}
