import Foundation

/// A report.json as JSONSerialization's tree, for editing it the way another toolgate's writer would differ:
/// each object is named by its kind, its path with array indices left out ("cells[].commands[]"; "" is the top).
enum JSONTree {
    /// Objects whose keys are data, not fields: cells per status, a command's environment, version needs.
    static let maps: Set<String> = ["summary", "cells[].commands[].env", "cells[].elf.version_needs"]

    static func parse(_ data: Data) throws -> Any { try JSONSerialization.jsonObject(with: data) }

    static func data(_ tree: Any) throws -> Data { try JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys]) }

    /// The same tree with `edit` applied to every object that is not a map, children first (so an object
    /// the edit adds is not edited again).
    static func editingObjects(_ value: Any, kind: String = "", _ edit: (String, inout [String: Any]) -> Void) -> Any {
        if var object = value as? [String: Any] {
            for (key, child) in object { object[key] = editingObjects(child, kind: kind.isEmpty ? key : kind + "." + key, edit) }
            if !maps.contains(kind) { edit(kind, &object) }
            return object
        }
        if let array = value as? [Any] { return array.map { editingObjects($0, kind: kind + "[]", edit) } }
        return value
    }

    /// Every (kind, key) of the objects that are not maps.
    static func fields(_ tree: Any) -> Set<Field> {
        var out = Set<Field>()
        _ = editingObjects(tree) { kind, object in
            for key in object.keys { out.insert(Field(kind: kind, key: key)) }
        }
        return out
    }

    /// The values the field has in every object of its kind, in tree order.
    static func values(of field: Field, in tree: Any) -> [Any?] {
        var out: [Any?] = []
        _ = editingObjects(tree) { kind, object in
            if kind == field.kind { out.append(object[field.key]) }
        }
        return out
    }

    static func removing(_ field: Field, from tree: Any) -> Any {
        editingObjects(tree) { kind, object in
            if kind == field.kind { object.removeValue(forKey: field.key) }
        }
    }

    /// What a reader's default writes back: nothing, null, "", 0, false, [] or {}, or an object of those.
    static func isEmptyValue(_ value: Any?) -> Bool {
        switch value {
        case nil, is NSNull: true
        case let s as String: s.isEmpty
        case let a as [Any]: a.isEmpty
        case let d as [String: Any]: d.values.allSatisfy { isEmptyValue($0) }
        case let n as NSNumber: n == 0
        default: false
        }
    }

    struct Field: Hashable, Sendable, CustomStringConvertible {
        var kind: String
        var key: String
        var description: String { kind.isEmpty ? key : kind + "." + key }
    }
}
