// name: memberships
// question: Who belongs to which organization or state, in what role?
// params: parent:actor=
// example: -p parent=Russia
// note: Direct MEMBER_OF edges only; see state-rollup for chains.
MATCH (mbr:Actor)-[m:MEMBER_OF]->(g:Actor)
WHERE $parent = '' OR g.id = $parent
RETURN g.name AS group_name, g.kind AS group_kind, mbr.name AS member, mbr.kind AS member_kind,
       m.role AS role
ORDER BY group_name, member
