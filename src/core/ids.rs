//! One table per id set. [`id_table!`] defines an enum together with its wire names (URLs,
//! exports, element ids, CSS classes) and, optionally, one row of facts per variant; `ALL`,
//! `IDS`, `id()`, `from_id()`, `Display` and serde are all read from that one list, so a new
//! variant is one line and the compiler lists every `match` that must learn about it.

/// Defines an id set: `enum Name: Row { Variant = "wire-id" => Row { … }, … }` (or without the
/// `: Row` part for sets that are only names).
#[macro_export]
macro_rules! id_table {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $row:ty {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal => $value:expr ),+ $(,)?
        }
    ) => {
        $crate::id_table! { @enum $(#[$meta])* $vis enum $name { $( $(#[$vmeta])* $variant = $id ),+ } }
        impl $name {
            /// This id's row of the table.
            pub fn row(self) -> &'static $row {
                match self { $( $name::$variant => &$value, )+ }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal ),+ $(,)?
        }
    ) => {
        $crate::id_table! { @enum $(#[$meta])* $vis enum $name { $( $(#[$vmeta])* $variant = $id ),+ } }
    };
    (
        @enum $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal ),+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $( $(#[$vmeta])* $variant, )+ }

        impl $name {
            /// Every id of the set, in table order (the order panels list and run them).
            pub const ALL: [$name; [$($id),+].len()] = [$($name::$variant),+];
            /// Every wire name, in table order.
            pub const IDS: &'static [&'static str] = &[$($id),+];
            /// How many ids the set has.
            pub const COUNT: usize = [$($id),+].len();

            /// Position in [`Self::ALL`] (for arrays indexed by the id set).
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The wire name: used in URLs, exports, element ids and CSS classes.
            pub const fn id(self) -> &'static str {
                match self { $( $name::$variant => $id, )+ }
            }

            /// Parses a wire name (exactly as written by [`Self::id`]).
            pub fn from_id(id: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.id() == id)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                $name::from_id(&text).ok_or_else(|| ::serde::de::Error::unknown_variant(&text, $name::IDS))
            }
        }
    };
}

/// Two colours for one series: on the light and on the dark theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour {
    /// On the light theme.
    pub light: &'static str,
    /// On the dark theme (`prefers-color-scheme: dark`).
    pub dark: &'static str,
}

#[cfg(test)]
mod tests {
    id_table! {
        /// A tiny set to check the macro.
        enum Fruit: u8 {
            /// Red.
            Apple = "apple" => 1,
            /// Long.
            Banana = "banana" => 2,
        }
    }

    /// Ids, rows, parsing, display and serde all come from the one list.
    #[test]
    fn table_is_read_everywhere() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::Banana]);
        assert_eq!(Fruit::IDS, ["apple", "banana"]);
        assert_eq!((Fruit::COUNT, Fruit::Banana.index()), (2, 1));
        assert_eq!(*Fruit::Banana.row(), 2);
        assert_eq!(Fruit::from_id("apple"), Some(Fruit::Apple));
        assert_eq!(Fruit::from_id("Apple"), None);
        assert_eq!(Fruit::Banana.to_string(), "banana");
        assert_eq!(serde_json::to_string(&Fruit::Apple).unwrap(), "\"apple\"");
        assert_eq!(serde_json::from_str::<Fruit>("\"banana\"").unwrap(), Fruit::Banana);
        assert!(serde_json::from_str::<Fruit>("\"cherry\"").unwrap_err().to_string().contains("apple"));
    }
}
