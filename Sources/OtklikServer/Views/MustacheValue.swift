/// Page data made safe for Mustache. A Swift optional boxed in `Any` is not `nil` to the template
/// engine: it renders as the text "nil" and opens `{{#section}}`s meant for present values (an anonymous
/// visitor got the navigation and a sign-out button). Every value passes through ``clean(_:)`` before
/// rendering: optionals are unwrapped, and a missing value becomes a missing key.
enum MustacheValue {
    /// `value` without optionals at any depth of dictionaries and arrays; nil when `value` is itself nil.
    static func clean(_ value: Any) -> Any? {
        if let dictionary = value as? [String: Any] { return dictionary.compactMapValues(clean) }
        if let array = value as? [Any] { return array.compactMap(clean) }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return clean(wrapped)
        }
        return value
    }
}
