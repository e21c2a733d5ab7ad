// name: memberships
// question: Who belongs to which organization or state, in what role?
// params: parent:str=
// example: -p parent=Russia
// note: Direct MEMBER_OF edges only; see state-rollup for chains.
WITH toLower($parent) AS key
MATCH (mbr:Actor)-[m:MEMBER_OF]->(g:Actor)
WHERE $parent = '' OR g.id = $parent OR toLower(g.name) = key
   OR any(alias IN g.aliases WHERE toLower(alias) = key)
RETURN g.name AS group_name, g.kind AS group_kind, mbr.name AS member, mbr.kind AS member_kind,
       m.role AS role
ORDER BY group_name, member
