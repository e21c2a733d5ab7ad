// name: memberships
// question: Who belongs to which organization or state, in what role?
// params: parent:actor=, limit:int=200
// example: -p parent=Russia
// note: Direct MEMBER_OF edges only; see state-rollup for chains.
MATCH (mbr:Actor)-[m:MEMBER_OF]->(g:Actor)
WHERE $parent = '' OR g.id = $parent
RETURN g.name AS group_name, g.kind AS group_kind, mbr.name AS member, mbr.kind AS member_kind,
       m.role AS role
ORDER BY group_name, member
LIMIT $limit
// engine: neo4j
CALL () {
  WITH $parent AS parent WHERE parent <> ''
  MATCH (g:Actor {id: parent})<-[m:MEMBER_OF]-(mbr:Actor)
  RETURN g, m, mbr
  UNION ALL
  WITH $parent AS parent WHERE parent = ''
  MATCH (mbr:Actor)-[m:MEMBER_OF]->(g:Actor)
  RETURN g, m, mbr
}
RETURN g.name AS group_name, g.kind AS group_kind, mbr.name AS member, mbr.kind AS member_kind,
       m.role AS role
ORDER BY group_name, member
LIMIT $limit
