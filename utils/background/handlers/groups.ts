/**
 * The background's answers for groups and membership: creating and joining a group, invites,
 * members and their roles, leaving, renaming and deleting a group. The cached groups follow
 * every change that can alter them.
 */
import { lastGroupId } from '@/utils/shared/storage';
import { afterGroupChange, callRpc, forgetGroup, refreshCachedGroups, rememberGroup } from '@/utils/background/rpc';
import { invalid } from './reply';
import type { GetClient, Handlers } from './types';

const ENTER_CODE = 'Enter the invite code or link you were sent.';
const NAME_THE_GROUP = 'Give the group a name.';

/** The first group created or joined becomes the one the shortcut and menu save to. */
async function chooseFirstGroup(groupId: string): Promise<void> {
  if (!(await lastGroupId.getValue())) await lastGroupId.setValue(groupId);
}

type Names =
  | 'listGroups'
  | 'createGroup'
  | 'joinGroup'
  | 'leaveGroup'
  | 'updateGroup'
  | 'deleteGroup'
  | 'createInvite'
  | 'listInvites'
  | 'revokeInvite'
  | 'previewInvite'
  | 'groupMembers'
  | 'setMemberRole'
  | 'removeMember';

export function groupHandlers(getClient: GetClient): Pick<Handlers, Names> {
  return {
    async listGroups() {
      return refreshCachedGroups(await getClient());
    },

    async createGroup({ name }) {
      const client = await getClient();
      const trimmed = name.trim();
      if (!trimmed) return invalid(NAME_THE_GROUP);
      const reply = await callRpc(client, 'create_group', { p_name: trimmed });
      if (reply.ok) await Promise.all([rememberGroup(client, reply.value, 'owner'), chooseFirstGroup(reply.value.id)]);
      return reply;
    },

    async joinGroup({ code }) {
      const client = await getClient();
      const trimmed = code.trim();
      if (!trimmed) return invalid(ENTER_CODE);
      const reply = await callRpc(client, 'join_group', { p_code: trimmed });
      if (reply.ok) await Promise.all([rememberGroup(client, reply.value, 'member'), chooseFirstGroup(reply.value.id)]);
      return reply;
    },

    async leaveGroup({ groupId }) {
      const reply = await afterGroupChange(await getClient(), (client) => callRpc(client, 'leave_group', { p_group_id: groupId }));
      if (reply.ok) await forgetGroup(groupId);
      return reply;
    },

    async updateGroup({ groupId, name, description }) {
      const trimmed = name.trim();
      if (!trimmed) return invalid(NAME_THE_GROUP);
      return afterGroupChange(await getClient(), (client) =>
        callRpc(client, 'update_group', { p_group_id: groupId, p_name: trimmed, p_description: description?.trim() || null }),
      );
    },

    async deleteGroup({ groupId, confirmName }) {
      const reply = await afterGroupChange(await getClient(), (client) =>
        callRpc(client, 'delete_group', { p_group_id: groupId, p_confirm_name: confirmName.trim() }),
      );
      if (reply.ok) await forgetGroup(groupId);
      return reply;
    },

    async createInvite({ groupId, days, maxUses }) {
      return callRpc(await getClient(), 'create_invite', {
        p_group_id: groupId,
        p_expires_in_days: days ?? 7,
        p_max_uses: maxUses ?? null,
      });
    },

    async listInvites({ groupId }) {
      return callRpc(await getClient(), 'list_invites', { p_group_id: groupId });
    },

    async revokeInvite({ inviteId }) {
      return callRpc(await getClient(), 'revoke_invite', { p_invite_id: inviteId });
    },

    async previewInvite({ code }) {
      const trimmed = code.trim();
      if (!trimmed) return invalid(ENTER_CODE);
      return callRpc(await getClient(), 'preview_invite', { p_code: trimmed });
    },

    async groupMembers({ groupId }) {
      return callRpc(await getClient(), 'group_members', { p_group_id: groupId });
    },

    async setMemberRole({ groupId, userId, role }) {
      // My own role may change too (an owner handing over), so the cached groups are refreshed.
      return afterGroupChange(await getClient(), (client) =>
        callRpc(client, 'set_member_role', { p_group_id: groupId, p_user_id: userId, p_role: role }),
      );
    },

    async removeMember({ groupId, userId }) {
      return afterGroupChange(await getClient(), (client) => callRpc(client, 'remove_member', { p_group_id: groupId, p_user_id: userId }));
    },
  };
}
