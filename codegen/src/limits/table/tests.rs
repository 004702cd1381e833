//! Tests of [`collect`] on a small schema that has one case of each rule: facet chains, facet over prose,
//! named limits for the fields of a field's type, limits documented on a simple type, attributes, inherited
//! fields and "no limit".

use super::*;
use crate::limits::{Limits, Site, Source};
use crate::model::SymbolKind;

const NS: &str = "urn:test:limits";

const SCHEMA: &str = r#"<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:test:limits"
    targetNamespace="urn:test:limits" elementFormDefault="qualified">
  <xs:simpleType name="NameType">
    <xs:restriction base="xs:string"><xs:maxLength value="25"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="ShortNameType">
    <xs:restriction base="t:NameType"><xs:maxLength value="10"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="WideType">
    <xs:restriction base="t:NameType"/>
  </xs:simpleType>
  <xs:simpleType name="CodeType">
    <xs:annotation><xs:documentation>A code. It must be 4 characters long.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string"/>
  </xs:simpleType>
  <xs:simpleType name="IdType">
    <xs:annotation><xs:documentation>The ID must be 32 characters long.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string"><xs:length value="36"/></xs:restriction>
  </xs:simpleType>
  <xs:complexType name="PersonType">
    <xs:sequence>
      <xs:element name="First" type="t:NameType" minOccurs="0"/>
      <xs:element name="Last" type="t:ShortNameType" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="BaseType">
    <xs:sequence>
      <xs:element name="Note" type="xs:string">
        <xs:annotation><xs:documentation>Optional<br/>Character length and limitations: 255 single-byte characters</xs:documentation></xs:annotation>
      </xs:element>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="OrderType">
    <xs:complexContent>
      <xs:extension base="t:BaseType">
        <xs:sequence>
          <xs:element name="Buyer" type="t:PersonType">
            <xs:annotation><xs:documentation>First: 25 single-byte character limit. Last: 12 single-byte character limit. Nick: 5 single-byte character limit.</xs:documentation></xs:annotation>
          </xs:element>
          <xs:element name="Wide" type="t:WideType">
            <xs:annotation><xs:documentation>Character length and limitations: 75 alphanumeric characters</xs:documentation></xs:annotation>
          </xs:element>
          <xs:element name="Code" type="t:CodeType"/>
          <xs:element name="Id" type="t:IdType"/>
          <xs:element name="Url" type="xs:string">
            <xs:annotation><xs:documentation>Character length and limitations: no limit</xs:documentation></xs:annotation>
          </xs:element>
          <xs:choice>
            <xs:element name="A" type="xs:string">
              <xs:annotation><xs:documentation>Max length is 3 Chars</xs:documentation></xs:annotation>
            </xs:element>
            <xs:element name="B" type="xs:int"/>
          </xs:choice>
        </xs:sequence>
        <xs:attribute name="ref" type="t:ShortNameType"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
</xs:schema>
"#;

fn id(name: &str) -> TypeId {
    TypeId { ns: NS.into(), kind: SymbolKind::Type, name: name.into() }
}

fn limits() -> Limits {
    let dir = crate::write::test_dir("limits");
    let path = dir.join("limits.xsd");
    std::fs::write(&path, SCHEMA).expect("write the test schema");
    let model = crate::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    collect(&model)
}

#[test]
fn the_table_and_the_report() {
    let limits = limits();
    assert_eq!(
        limits.table(),
        "BaseType\tNote\t255\tdoc\tCharacter length and limitations: 255 single-byte characters\n\
         OrderType\tA\t3\tdoc\tMax length is 3 Chars\n\
         OrderType\tCode\t4\tdoc\tmust be 4 characters long (on {urn:test:limits}CodeType)\n\
         OrderType\tId\t36\tfacet\tlength 36 on {urn:test:limits}IdType\n\
         OrderType\tWide\t25\tfacet\tmaxLength 25 on {urn:test:limits}NameType\n\
         OrderType\t@ref\t10\tfacet\tmaxLength 10 on {urn:test:limits}ShortNameType\n\
         PersonType\tFirst\t25\tfacet\tmaxLength 25 on {urn:test:limits}NameType\n\
         PersonType\tLast\t10\tfacet\tmaxLength 10 on {urn:test:limits}ShortNameType\n"
    );
    let report = limits.report();
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        lines[0],
        "# documentation that mentions characters or a length but yields no limit: 2 texts, 1 unexplained"
    );
    assert!(lines[1].starts_with("OrderType\tBuyer\t`First: 25 single-byte character limit."), "{report}");
    assert!(lines[1].ends_with("UNKNOWN FIELDS: states limits for fields the type does not have: Nick"), "{report}");
    assert_eq!(lines[2], "OrderType\tUrl\t`Character length and limitations: no limit`: says there is no limit");
    assert_eq!(
        &lines[3..7],
        [
            "# facet and prose disagree: 3 (the facet is the limit)",
            "IdType\t-\tfacet 36 (length 36 on {urn:test:limits}IdType)\tdoc 32 (must be 32 characters long)",
            "OrderType\tWide\tfacet 25 (maxLength 25 on {urn:test:limits}NameType)\tdoc 75 (Character length and \
         limitations: 75 alphanumeric characters)",
            "PersonType\tLast\tfacet 10 (maxLength 10 on {urn:test:limits}ShortNameType)\tdoc 12 (Last: 12 single-byte \
         character limit (in the documentation of OrderType/Buyer))",
        ]
    );
    let counts = limits.counts();
    assert_eq!((counts.facet, counts.doc, counts.confirmed, counts.disagreements), (5, 3, 1, 3));
    assert_eq!((counts.no_limit, counts.unexplained), (1, 1));
}

#[test]
fn field_limit_looks_up_the_declaring_type() {
    let limits = limits();
    let note = limits.field_limit(&id("BaseType"), "Note").expect("Note is limited");
    assert_eq!((note.max_chars, note.min_chars, note.source), (255, 0, Source::Doc));
    // Inherited fields belong to the type that declares them.
    assert_eq!(limits.field_limit(&id("OrderType"), "Note"), None);
    let id_limit = limits.field_limit(&id("OrderType"), "Id").expect("Id is limited");
    assert_eq!((id_limit.max_chars, id_limit.min_chars, id_limit.source), (36, 36, Source::Facet));
    assert_eq!(limits.field_limit(&id("OrderType"), "B"), None);
    assert_eq!(limits.field_limit(&id("OrderType"), "ref"), None);
    assert_eq!(limits.attribute_limit(&id("OrderType"), "ref").map(|l| l.max_chars), Some(10));
    assert!(limits.rows().iter().all(|r| matches!(r.site, Site::Element(_) | Site::Attribute(_))));
}
