import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** The fields of a selection set with this name, through inline fragments and fragment spreads. */
function fieldsNamed(
  selectionSet: SelectionSetNode,
  name: string,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name ? [selection] : [];
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    return fragment ? fieldsNamed(fragment.selectionSet, name, fragments) : [];
  });
}

/**
 * Whether the field being resolved selects any of `fields` below `path`, e.g. a connection's
 * `['edges', 'node']` and `['contacts']`: for a resolver that can read ahead in one round trip
 * what its children's resolvers would otherwise read one by one. `@skip` and `@include` are not
 * evaluated, so a skipped field counts as selected; a read ahead only saves reads and never
 * decides what an answer holds.
 *
 * @param info - the resolver's info
 * @param path - field names from the resolved field down
 * @param fields - the fields looked for at the end of the path
 */
export function selectsAnyOf(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[],
  fields: readonly string[],
): boolean {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((field) =>
      field.selectionSet ? fieldsNamed(field.selectionSet, name, info.fragments) : [],
    );
  }
  return level.some(
    ({ selectionSet }) =>
      selectionSet !== undefined &&
      fields.some((name) => fieldsNamed(selectionSet, name, info.fragments).length > 0),
  );
}
