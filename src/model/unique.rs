//! Refusing a key that comes twice in one JSON object, at any depth of the journal.
//!
//! serde_json keeps the last value of a repeated key and drops the others without a word, so the
//! next save would lose one of them. These deserializers refuse the file instead; the error,
//! like any other, comes out with the line and column serde_json is at.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The error for a key that comes twice, in the words serde uses for a known field.
fn duplicate<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("duplicate field `{key}`"))
}

/// The keys of one object read so far.
///
/// Each key sets a bit for its bucket and, when it is borrowed from the input, takes the
/// bucket's slot; only a key whose bucket is taken is compared with others. The usual fields of
/// an entry each have a bucket of their own, so reading them costs a few instructions a key and
/// no allocation, and loading a journal stays as fast.
#[derive(Debug, Default)]
pub(super) struct Seen<'k> {
    bits: u32,
    /// The first borrowed key of each bucket.
    slots: [Option<&'k str>; 32],
    /// Every other key.
    others: Vec<Cow<'k, str>>,
}

impl<'k> Seen<'k> {
    /// Note `key` and hand it back, or refuse it when it came before.
    #[inline(always)]
    pub(super) fn insert<E: de::Error>(&mut self, key: Cow<'k, str>) -> Result<Cow<'k, str>, E> {
        let b = bucket(&key);
        let bit = 1u32 << b;
        if self.bits & bit == 0 {
            self.bits |= bit;
            if let Cow::Borrowed(k) = key {
                self.slots[b] = Some(k);
                return Ok(key);
            }
        } else if self.slots[b] == Some(&*key) || self.others.contains(&key) {
            return Err(duplicate(&key));
        }
        self.others.push(key.clone());
        Ok(key)
    }
}

/// One of 32 buckets for a key, from its length and its first and last bytes: cheap, and
/// different for each of the fields of an entry, of a reflection and of evidence.
#[inline(always)]
fn bucket(key: &str) -> usize {
    let bytes = key.as_bytes();
    let first = usize::from(bytes.first().copied().unwrap_or(0));
    let last = usize::from(bytes.last().copied().unwrap_or(0));
    (bytes.len() + 3 * first + 20 * last) & 31
}

/// Read the value of a field this corepath does not know into `extra`, to be written back as it
/// was. The caller has already refused a repeated `key`.
pub(super) fn keep<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Map<String, Value>,
    key: Cow<'_, str>,
) -> Result<(), A::Error> {
    let value = map.next_value_seed(UniqueValue)?;
    extra.insert(key.into_owned(), value);
    Ok(())
}

/// Fields written by a newer corepath (`#[serde(flatten, deserialize_with = "…")]`): any JSON,
/// with no key twice in any object inside.
pub(super) fn extra<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    d.deserialize_map(MapOf(UniqueValue, PhantomData))
}

/// A map from names to values (`#[serde(deserialize_with = "…")]`), refusing a name twice.
pub(super) fn sorted<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    d.deserialize_map(MapOf(PhantomData::<V>, PhantomData))
}

/// A map that can say whether it has a key.
trait Keyed<V>: Default {
    fn has(&self, key: &str) -> bool;
    fn put(&mut self, key: String, value: V);
}

impl Keyed<Value> for Map<String, Value> {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn put(&mut self, key: String, value: Value) {
        self.insert(key, value);
    }
}

impl<V> Keyed<V> for BTreeMap<String, V> {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn put(&mut self, key: String, value: V) {
        self.insert(key, value);
    }
}

/// Reads a map of type `M` whose values are read with the seed `S`.
struct MapOf<S, M>(S, PhantomData<M>);

impl<'de, S, M> Visitor<'de> for MapOf<S, M>
where
    S: DeserializeSeed<'de> + Copy,
    M: Keyed<S::Value>,
{
    type Value = M;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<M, A::Error> {
        let mut out = M::default();
        while let Some(key) = map.next_key::<String>()? {
            if out.has(&key) {
                return Err(duplicate(&key));
            }
            let value = map.next_value_seed(self.0)?;
            out.put(key, value);
        }
        Ok(out)
    }
}

/// A JSON value read as serde_json reads a [`Value`], except that an object with a key twice, at
/// any depth, is refused.
#[derive(Debug, Clone, Copy)]
pub(super) struct UniqueValue;

impl<'de> DeserializeSeed<'de> for UniqueValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        MapOf(self, PhantomData).visit_map(map).map(Value::Object)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read(text: &str) -> Result<Value, String> {
        let mut de = serde_json::Deserializer::from_str(text);
        UniqueValue.deserialize(&mut de).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"a":[1,-2,3.5,1e300,null,true,"x\u00e9"],"b":{"c":{},"d":[]},"e":18446744073709551615}"#;
        let ours = read(text).expect("reads");
        let theirs: Value = serde_json::from_str(text).expect("reads");
        assert_eq!(ours, theirs);
        assert_eq!(ours["b"], json!({"c": {}, "d": []}));
    }

    #[test]
    fn a_key_twice_at_any_depth_is_refused() {
        for text in [
            r#"{"a":1,"a":1}"#,
            r#"{"a":{"b":1,"c":2,"b":3}}"#,
            r#"[[{"x":[{"k":1,"k":2}]}]]"#,
        ] {
            let err = read(text).expect_err(text);
            assert!(err.contains("duplicate field `"), "{text}: {err}");
            assert!(err.contains("line 1"), "{text}: {err}");
        }
    }

    #[test]
    fn the_fields_of_each_record_have_a_bucket_of_their_own() {
        for fields in [
            "id date kind title notes reflection cpd_category hours people role credit areas \
             techniques metrics tags evidence highlight created updated",
            "practice users next",
            "type value",
        ] {
            let buckets: std::collections::BTreeSet<usize> =
                fields.split_whitespace().map(bucket).collect();
            assert_eq!(buckets.len(), fields.split_whitespace().count(), "{fields}");
        }
    }

    #[test]
    fn seen_refuses_a_repeat_even_among_many_keys() {
        let names: Vec<String> = (0..200).map(|i| format!("k{i}")).collect();
        // Borrowed and owned keys (a key with an escape is owned), in either order.
        fn key(name: &str, owned: bool) -> Cow<'_, str> {
            if owned {
                Cow::Owned(name.to_string())
            } else {
                Cow::Borrowed(name)
            }
        }
        let mut seen = Seen::default();
        for (i, name) in names.iter().enumerate() {
            let fresh: Result<_, serde_json::Error> = seen.insert(key(name, i % 3 == 0));
            assert!(fresh.is_ok(), "{name}");
        }
        for (i, name) in names.iter().enumerate().rev() {
            let again: Result<_, serde_json::Error> = seen.insert(key(name, i % 2 == 0));
            assert!(again.is_err(), "{name}");
        }
    }
}
