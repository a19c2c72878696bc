//! The pages of a PDF, each at most once and in document order.
//!
//! lopdf's own page iterator follows the page tree as written: a tree with a
//! cycle (a `Kids` entry pointing back at an ancestor) or a node listed twice
//! yields the same pages again and again, up to its object-count limit, and the
//! document's text came out repeated 4 or 40 times. This walk remembers every
//! node it has entered, so a cycle or a shared node is read once, and says how
//! many repeats it dropped.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

/// Deeper page trees than this are not followed (real ones are 2-5 levels).
const MAX_DEPTH: usize = 256;

/// The pages found, and how many repeated references to a node were dropped.
#[derive(Debug, Default)]
pub(crate) struct PageList {
    /// Page objects in reading order, each once.
    pub pages: Vec<ObjectId>,
    /// References to an already visited node (a cycle or a shared subtree).
    pub repeats: usize,
}

/// Walks the page tree from the catalog's `/Pages`.
pub(crate) fn pages(doc: &Document) -> PageList {
    let mut out = PageList::default();
    let root = doc
        .catalog()
        .and_then(|cat| cat.get(b"Pages"))
        .and_then(Object::as_reference);
    let Ok(root) = root else {
        return out;
    };
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // explicit stack of (node, depth), kids pushed in reverse to pop in order
    let mut stack: Vec<(ObjectId, usize)> = vec![(root, 0)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            out.repeats += 1;
            continue;
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        let is_page = node
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|t| t == b"Page");
        let kids = node.get_deref(b"Kids", doc).and_then(Object::as_array).ok();
        match kids {
            Some(kids) if !is_page => {
                if depth >= MAX_DEPTH {
                    continue;
                }
                for kid in kids.iter().rev() {
                    if let Ok(kid) = kid.as_reference() {
                        stack.push((kid, depth + 1));
                    }
                }
            }
            _ => out.pages.push(id),
        }
    }
    out
}

/// The content streams a page draws, as object ids; `None` when the page has
/// no shared (indirect) content, which cannot repeat another page's.
pub(crate) fn content_key(doc: &Document, page: ObjectId) -> Option<Vec<ObjectId>> {
    let ids = doc.get_page_contents(page);
    (!ids.is_empty()).then_some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A document whose page tree is `root -> [p1, mid, p3]`, `mid -> [p2, root]`.
    fn cyclic() -> (Document, Vec<ObjectId>) {
        let mut doc = Document::with_version("1.5");
        let root = doc.new_object_id();
        let mid = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let page = |doc: &mut Document, parent: ObjectId| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => parent, "Contents" => content,
            })
        };
        let p1 = page(&mut doc, root);
        let p2 = page(&mut doc, mid);
        let p3 = page(&mut doc, root);
        doc.objects.insert(
            mid,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![p2.into(), root.into()], "Count" => 1,
            }),
        );
        doc.objects.insert(
            root,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![p1.into(), mid.into(), p3.into(), p1.into()],
                "Count" => 3,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
        doc.trailer.set("Root", catalog);
        (doc, vec![p1, p2, p3])
    }

    #[test]
    fn a_cycle_and_a_repeated_kid_give_each_page_once_in_order() {
        let (doc, expected) = cyclic();
        let list = pages(&doc);
        assert_eq!(list.pages, expected);
        assert_eq!(list.repeats, 2);
    }
}
