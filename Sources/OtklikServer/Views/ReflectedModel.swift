import Foundation
import Mustache

/// A view model as swift-mustache reads it, its properties looked up in a dictionary made once per value instead of
/// through a new `Mirror` on every lookup. swift-mustache resolves each `{{name}}` by reflecting the objects on its
/// context stack, innermost first, building every property of each one it passes; a page of thousands of lookups in
/// nested sections spent most of its rendering time there (docs/benchmarks.md, "The dashboard page").
///
/// The model is reflected once, to its leaves: each struct becomes a ``ReflectedModel`` of its non-nil properties (a
/// nil optional is left out, so the lookup goes on up the stack, as swift-mustache does with it), each array an array
/// of its elements so reflected. Everything else — strings, numbers, Booleans, enums, dates, dictionaries, classes and
/// values that speak one of swift-mustache's own protocols — is kept as it is and rendered as before.
struct ReflectedModel: MustacheParent {
    private let properties: [String: Any]

    init(_ value: Any) {
        var properties: [String: Any] = [:]
        for child in Mirror(reflecting: value).children {
            guard let label = child.label, properties[label] == nil, let present = Self.unwrapped(child.value) else { continue }
            properties[label] = Self.reflect(present)
        }
        self.properties = properties
    }

    func child(named name: String) -> Any? { properties[name] }

    /// The value to keep for a property or an element.
    static func reflect(_ value: Any) -> Any {
        if isPlainLeaf(value) { return value }
        if value is any MustacheParent || value is MustacheLambda || value is any MustacheCustomRenderable || value is MustacheTemplate
            || value is any MustacheCustomRepresentation
        {
            return value
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection: return mirror.children.map { child in unwrapped(child.value).map(reflect) as Any }
        case .struct where !(value is any CustomStringConvertible): return ReflectedModel(value)  // a Date or a URL renders itself
        default: return value
        }
    }

    /// The value an optional holds (nil for none); any other value as it is.
    static func unwrapped(_ value: Any) -> Any? {
        if isPlainLeaf(value) { return value }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    /// Whether the value is a string, number or Boolean, told by comparing its type: most of a page's leaves are, and
    /// each protocol cast and `Mirror` the other checks need costs a lookup in the runtime's conformance cache (they
    /// were most of the dashboard's rendering time at a million records).
    @inline(__always) static func isPlainLeaf(_ value: Any) -> Bool {
        let type = Swift.type(of: value)
        return type == String.self || type == Int.self || type == Double.self || type == Bool.self || type == Int32.self
            || type == Int64.self || type == Float.self || type == UInt8.self
    }
}
